"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import type { FieldChoices } from "@/components/fields/form-values";
import { Button } from "@/components/ui/button";
import type { FormConfig } from "@/lib/views/registry";
import { cn } from "@/lib/utils";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import { FormBuilder } from "./form-builder";
import { FormFill, type FormDefinition } from "./form-fill";
import { type BuilderField, configOf, draftOf, type FormDraft } from "./form-questions";
import { type FormShare, ShareForm } from "./share-form";
import { clientError } from "@/trpc/client-error";

type FormViewProps = {
  table: { id: string; fields: BuilderField[] };
  view: { id: string; name: string; config: Record<string, unknown>; api: FormShare };
  /** May change the form (view.write): the builder. */
  canWriteView: boolean;
  /** May add rows (row.write): fill the form in. */
  canWriteRows: boolean;
  /** May publish it (view.share). */
  canShare: boolean;
  choices: FieldChoices;
};

type Mode = "build" | "fill";

/**
 * A form view: the builder for those who may change views (with a "Fill in"
 * tab to try the saved form and the share control), the form itself for those
 * who may only add rows, and a note for those who may do neither.
 */
export function FormView({ table, view, canWriteView, canWriteRows, canShare, choices }: FormViewProps) {
  const ids = useId();
  const [mode, setMode] = useState<Mode>(canWriteView ? "build" : "fill");
  const tabs = useRef<Record<Mode, HTMLButtonElement | null>>({ build: null, fill: null });

  if (!canWriteView) {
    if (!canWriteRows) {
      return <p className="text-sm text-muted-foreground">You can see this form, but your role in this workspace may not add rows, so you cannot submit it.</p>;
    }
    return (
      <div className="min-h-0 overflow-y-auto">
        <FormFiller viewId={view.id} choices={choices} className="mx-auto max-w-2xl" />
      </div>
    );
  }

  const modes: Array<{ mode: Mode; label: string }> = [
    { mode: "build", label: "Build" },
    { mode: "fill", label: "Fill in" },
  ];
  const select = (next: Mode) => {
    setMode(next);
    tabs.current[next]?.focus();
  };

  return (
    <div className="grid min-h-0 grid-rows-[auto_minmax(0,1fr)] gap-3">
      <div
        role="tablist"
        aria-label="Form"
        className="flex gap-1 border-b"
        onKeyDown={(e) => {
          if (e.key === "ArrowRight" || e.key === "ArrowLeft") select(mode === "build" ? "fill" : "build");
        }}
      >
        {modes.map((m) => (
          <button
            key={m.mode}
            ref={(node) => {
              tabs.current[m.mode] = node;
            }}
            type="button"
            role="tab"
            id={`${ids}-${m.mode}-tab`}
            aria-selected={mode === m.mode}
            aria-controls={`${ids}-${m.mode}-panel`}
            tabIndex={mode === m.mode ? 0 : -1}
            onClick={() => setMode(m.mode)}
            className={cn(
              "-mb-px border-b-2 px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-ring",
              mode === m.mode ? "border-primary font-medium" : "border-transparent text-muted-foreground hover:text-foreground",
            )}
          >
            {m.label}
          </button>
        ))}
      </div>
      <div className="min-h-0 overflow-y-auto pb-4">
        {/* Both panels stay mounted, so a draft survives a look at the form. */}
        <div role="tabpanel" id={`${ids}-build-panel`} aria-labelledby={`${ids}-build-tab`} hidden={mode !== "build"} className="mx-auto grid max-w-3xl gap-6">
          <BuilderPanel table={table} view={view} />
          {canShare ? <ShareForm viewId={view.id} share={view.api} /> : null}
        </div>
        <div role="tabpanel" id={`${ids}-fill-panel`} aria-labelledby={`${ids}-fill-tab`} hidden={mode !== "fill"} className="mx-auto max-w-2xl">
          {mode === "fill" ? (
            canWriteRows ? (
              <FormFiller viewId={view.id} choices={choices} />
            ) : (
              <p className="text-sm text-muted-foreground">Your role may not add rows, so you cannot submit this form.</p>
            )
          ) : null}
        </div>
      </div>
    </div>
  );
}

type Notice = { kind: "info" | "error"; text: string };

function BuilderPanel({ table, view }: Pick<FormViewProps, "table" | "view">) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(() => ({ config: view.config, draft: draftOf(view.config as Partial<FormConfig>, view.name) }));
  const [draft, setDraft] = useState<FormDraft>(saved.draft);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const dirty = JSON.stringify(configOf(saved.config, draft)) !== JSON.stringify(configOf(saved.config, saved.draft));

  // Leaving with unsaved changes asks first: closing or reloading the tab,
  // and following a link within the app (which fires no beforeunload).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    const confirmLink = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!link || link.getAttribute("target") === "_blank" || event.defaultPrevented) return;
      if (!window.confirm("The form has unsaved changes. Leave without saving them?")) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", warn);
    document.addEventListener("click", confirmLink, true);
    return () => {
      window.removeEventListener("beforeunload", warn);
      document.removeEventListener("click", confirmLink, true);
    };
  }, [dirty]);

  async function save() {
    setSaving(true);
    setNotice(null);
    const config = configOf(saved.config, draft);
    try {
      const updated = await client.view.update.mutate({ viewId: view.id, config });
      setSaved({ config: updated.config, draft });
      setNotice({ kind: "info", text: "Form saved." });
      await queryClient.invalidateQueries({ queryKey: trpc.view.form.queryKey({ viewId: view.id }) });
    } catch (error) {
      setNotice({ kind: "error", text: `Not saved: ${clientError(error).message}` });
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="grid gap-4">
      <FormBuilder
        fields={table.fields}
        draft={draft}
        onChange={(next) => {
          setDraft(next);
          setNotice(null);
        }}
      />
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t bg-background py-3">
        <Button type="button" onClick={save} disabled={saving || !dirty}>
          Save form
        </Button>
        <div aria-live="polite" className="text-sm">
          {notice ? (
            <p role={notice.kind === "error" ? "alert" : "status"} className={notice.kind === "error" ? "text-destructive" : "text-muted-foreground"}>
              {notice.text}
            </p>
          ) : dirty ? (
            <p className="text-muted-foreground">Unsaved changes</p>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** The saved form, filled in by a member: view.form for the questions, view.submit for the row. */
function FormFiller({ viewId, choices, className }: { viewId: string; choices: FieldChoices; className?: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const query = useQuery(trpc.view.form.queryOptions({ viewId }));
  if (query.isPending) return <p className="text-sm text-muted-foreground">Loading the form…</p>;
  if (query.isError) {
    return (
      <p role="alert" className="text-sm text-destructive">
        The form could not be loaded: {query.error.message}
      </p>
    );
  }
  return (
    <FormFill
      className={className}
      definition={query.data as FormDefinition}
      choices={choices}
      submit={async (fields) => {
        try {
          await client.view.submit.mutate({ viewId, fields, fieldKey: "id" });
        } catch (error) {
          throw clientError(error);
        }
      }}
    />
  );
}
