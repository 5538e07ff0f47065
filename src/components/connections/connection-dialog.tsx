"use client";

import { LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { FieldError } from "@/components/action-form/field-error";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { connectionKinds, type ConnectionKind, defaultPorts, tlsModes, type TlsMode } from "@/lib/connections/connection-kinds";
import { clientError } from "@/trpc/client-error";
import { useTRPCClient } from "@/trpc/react";
import { type ConnectionDraft, createInput, draftOf, kindLabels, tlsLabels, updateInput, urlExample } from "./connection-draft";
import type { ConnectionSummary, ConnectionTestResult } from "./connection-types";
import { TestResult } from "./test-result";

type Problem = { field?: keyof ConnectionDraft; message: string };

const draftKeys = new Set<string>(["name", "kind", "url", "host", "port", "user", "password", "database", "tls", "readOnly"]);

/** A refused save, placed next to the input the server names (zod issues, or an AppError's `field`). */
function problemOf(error: unknown): Problem {
  const { message, details } = clientError(error);
  const detail = details as { field?: string; issues?: Array<{ path: string[]; message: string }> } | undefined;
  const issue = detail?.issues?.[0];
  const field = issue?.path[0] ?? detail?.field;
  return field && draftKeys.has(field) ? { field: field as keyof ConnectionDraft, message: issue?.message ?? message } : { message };
}

/**
 * Creates or edits a connection, and tests it. Testing needs a saved
 * connection (the server tests what it stores, never credentials in
 * transit), so "Test connection" saves the form first; the dialog then edits
 * what it saved.
 */
export function ConnectionDialog({ workspaceId, connection, children }: { workspaceId: string; connection?: ConnectionSummary; children: React.ReactNode }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // Remounted on each opening, so the form starts from the stored connection again.
  const [session, setSession] = useState(0);
  const changed = useRef(false);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setSession((n) => n + 1);
        else if (changed.current) {
          changed.current = false;
          router.refresh();
        }
      }}
    >
      <DialogTrigger asChild>{children}</DialogTrigger>
      <DialogContent
        title={connection ? `Edit ${connection.name}` : "New connection"}
        description="Tessera reads the database with this user's privileges. The password is stored encrypted and never shown again."
        className="max-w-xl"
      >
        <ConnectionForm
          key={session}
          workspaceId={workspaceId}
          connection={connection}
          onSaved={() => (changed.current = true)}
          onDone={() => {
            setOpen(false);
            changed.current = false;
            router.refresh();
          }}
        />
      </DialogContent>
    </Dialog>
  );
}

function ConnectionForm({
  workspaceId,
  connection,
  onSaved,
  onDone,
}: {
  workspaceId: string;
  connection?: ConnectionSummary;
  onSaved: () => void;
  onDone: () => void;
}) {
  const client = useTRPCClient();
  const id = useId();
  const [saved, setSaved] = useState(connection);
  const [draft, setDraft] = useState(() => draftOf(connection));
  const [busy, setBusy] = useState<"save" | "test" | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [testResult, setTestResult] = useState<ConnectionTestResult | null>(null);
  const set = <K extends keyof ConnectionDraft>(key: K, value: ConnectionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  /** Saves the form (create, or only what changed); the secrets typed leave the form once stored. */
  async function persist(): Promise<ConnectionSummary | null> {
    setProblem(null);
    try {
      let result = saved;
      if (!saved) result = await client.connection.create.mutate(createInput(workspaceId, draft));
      else {
        const input = updateInput(saved, draft);
        if (Object.keys(input).length > 1) result = await client.connection.update.mutate(input);
      }
      if (result !== saved) onSaved();
      setSaved(result);
      setDraft({ ...draftOf(result), mode: draft.mode });
      return result!;
    } catch (error) {
      setProblem(problemOf(error));
      return null;
    }
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy("save");
    const result = await persist();
    setBusy(null);
    if (result) onDone();
  }

  async function test() {
    setBusy("test");
    setTestResult(null);
    const result = await persist();
    if (result) {
      try {
        setTestResult(await client.connection.test.mutate({ connectionId: result.id }));
        // The test updates the status the list shows.
        onSaved();
      } catch (error) {
        setProblem({ message: clientError(error).message });
      }
    }
    setBusy(null);
  }

  const fieldId = (name: keyof ConnectionDraft) => `${id}-${name}`;
  const errorFor = (name: keyof ConnectionDraft) => (problem?.field === name ? problem.message : undefined);
  const invalid = (name: keyof ConnectionDraft, described = false) => ({
    "aria-invalid": errorFor(name) ? true : undefined,
    "aria-describedby": [described ? `${fieldId(name)}-description` : "", errorFor(name) ? `${fieldId(name)}-error` : ""].filter(Boolean).join(" ") || undefined,
  });
  const editing = saved !== undefined;

  return (
    <form onSubmit={save} aria-label={editing ? "Edit connection" : "New connection"} aria-busy={busy !== null || undefined} className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={fieldId("name")} label="Name" error={errorFor("name")}>
          <Input id={fieldId("name")} value={draft.name} onChange={(e) => set("name", e.target.value)} required maxLength={100} autoComplete="off" {...invalid("name")} />
        </Field>
        <Field id={fieldId("kind")} label="Database" error={errorFor("kind")}>
          {/* The kind picks the adapter: changing it afterwards would point the stored configuration at another server type. */}
          <Select id={fieldId("kind")} value={draft.kind} onChange={(e) => set("kind", e.target.value as ConnectionKind)} disabled={editing} {...invalid("kind")}>
            {connectionKinds.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabels[kind]}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">Connect with</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {(["fields", "url"] as const).map((mode) => (
            <label key={mode} className="flex items-center gap-2 text-sm">
              <input type="radio" name={`${id}-mode`} value={mode} checked={draft.mode === mode} onChange={() => set("mode", mode)} className="size-4 accent-primary" />
              {mode === "fields" ? "Host and credentials" : "Connection URL"}
            </label>
          ))}
        </div>
      </fieldset>

      {draft.mode === "url" ? (
        <Field
          id={fieldId("url")}
          label="Connection URL"
          error={errorFor("url")}
          description={editing ? "Leave blank to keep the stored connection. It is never shown again, since it may hold the password." : `For example ${urlExample(draft.kind)}`}
        >
          <Input
            id={fieldId("url")}
            type="password"
            value={draft.url}
            onChange={(e) => set("url", e.target.value)}
            required={!editing}
            autoComplete="off"
            spellCheck={false}
            placeholder={urlExample(draft.kind)}
            {...invalid("url", true)}
          />
        </Field>
      ) : (
        <div className="grid gap-4">
          <div className="grid gap-4 sm:grid-cols-[1fr_7rem]">
            <Field id={fieldId("host")} label="Host" error={errorFor("host")}>
              <Input id={fieldId("host")} value={draft.host} onChange={(e) => set("host", e.target.value)} required autoComplete="off" spellCheck={false} placeholder="db.example.com" {...invalid("host")} />
            </Field>
            <Field id={fieldId("port")} label="Port" error={errorFor("port")}>
              <Input
                id={fieldId("port")}
                type="number"
                inputMode="numeric"
                min={1}
                max={65535}
                value={draft.port}
                onChange={(e) => set("port", e.target.value)}
                placeholder={String(defaultPorts[draft.kind])}
                {...invalid("port")}
              />
            </Field>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id={fieldId("user")} label="User" error={errorFor("user")}>
              <Input id={fieldId("user")} value={draft.user} onChange={(e) => set("user", e.target.value)} autoComplete="off" spellCheck={false} {...invalid("user")} />
            </Field>
            <Field id={fieldId("password")} label="Password" error={errorFor("password")} description={editing ? "Leave blank to keep the stored password." : undefined}>
              <Input
                id={fieldId("password")}
                type="password"
                value={draft.password}
                onChange={(e) => set("password", e.target.value)}
                autoComplete="new-password"
                {...invalid("password", editing)}
              />
            </Field>
          </div>
          <div className="grid gap-4 sm:grid-cols-[1fr_9rem]">
            <Field id={fieldId("database")} label="Database name" error={errorFor("database")}>
              <Input id={fieldId("database")} value={draft.database} onChange={(e) => set("database", e.target.value)} autoComplete="off" spellCheck={false} {...invalid("database")} />
            </Field>
            <Field id={fieldId("tls")} label="TLS" error={errorFor("tls")}>
              <Select id={fieldId("tls")} value={draft.tls} onChange={(e) => set("tls", e.target.value as TlsMode | "")} {...invalid("tls")}>
                {editing ? <option value="">Keep</option> : null}
                {tlsModes.map((mode) => (
                  <option key={mode} value={mode}>
                    {tlsLabels[mode]}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        </div>
      )}

      <div className="grid gap-1">
        <label className="flex items-center gap-2 text-sm font-medium">
          <Checkbox checked={draft.readOnly} onChange={(e) => set("readOnly", e.target.checked)} aria-describedby={`${id}-read-only`} />
          Read-only
        </label>
        <p id={`${id}-read-only`} className="pl-6 text-xs text-muted-foreground">
          Tables from this connection can be viewed but never written to from Tessera.
        </p>
      </div>

      {problem && !problem.field ? (
        <div role="alert">
          <FieldError message={problem.message} />
        </div>
      ) : null}
      <div aria-live="polite">{testResult ? <TestResult result={testResult} /> : null}</div>

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-between">
        <Button type="button" variant="outline" onClick={test} disabled={busy !== null} aria-describedby={`${id}-test-hint`}>
          {busy === "test" ? <LoaderCircle aria-hidden className="animate-spin" /> : null}
          Test connection
        </Button>
        <Button type="submit" disabled={busy !== null}>
          {busy === "save" ? <LoaderCircle aria-hidden className="animate-spin" /> : null}
          {editing ? "Save" : "Create connection"}
        </Button>
      </div>
      <p id={`${id}-test-hint`} className="-mt-2 text-xs text-muted-foreground">
        Testing saves the connection first, then connects to it.
      </p>
    </form>
  );
}

function Field({ id, label, description, error, children }: { id: string; label: string; description?: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="grid content-start gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {description ? (
        <p id={`${id}-description`} className="text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
