"use client";

import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { LoaderCircle, Upload } from "lucide-react";
import { FieldError } from "@/components/action-form/field-error";
import { CsvFileDropZone } from "@/components/import/csv-file-drop-zone";
import { ImportProgress } from "@/components/import/import-progress";
import { type ImportResult, ImportSummary } from "@/components/import/import-summary";
import { Button } from "@/components/ui/button";
import { sendFile } from "@/components/uploads/send-file";

type Phase =
  | { kind: "idle" }
  | { kind: "sending"; progress: number }
  | { kind: "done"; result: ImportResult }
  | { kind: "failed"; message: string };

/**
 * Uploads a CSV file to the table's append endpoint from the browser (the
 * file goes as the raw body, which a server action could only buffer), then
 * reports what came in and which lines were refused, and refreshes the page.
 */
export function CsvAppendForm({ tableId, label }: { tableId: string; label: string }) {
  const router = useRouter();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const sending = phase.kind === "sending";

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = fileInput.current?.files?.[0];
    if (!file || sending) return;
    setPhase({ kind: "sending", progress: 0 });
    try {
      const result = await sendFile<ImportResult>(`/api/v1/tables/${encodeURIComponent(tableId)}/import`, file, {
        // Browsers label CSV files variously (or not at all); the endpoint reads text/csv.
        contentType: "text/csv",
        onProgress: (progress) => setPhase({ kind: "sending", progress }),
      });
      setPhase({ kind: "done", result });
      form.reset();
      router.refresh();
    } catch (error) {
      setPhase({ kind: "failed", message: error instanceof Error ? error.message : "The import failed" });
    }
  }

  return (
    <div className="grid gap-4">
      <form onSubmit={submit} aria-label={label} aria-busy={sending || undefined} className="grid gap-3">
        <CsvFileDropZone
          id={`${id}-file`}
          inputRef={fileInput}
          disabled={sending}
          hint="The first line must name fields of this table; other columns are ignored."
        />
        <Button type="submit" disabled={sending} className="justify-self-start">
          {sending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Upload aria-hidden />}
          Import
        </Button>
        {phase.kind === "failed" ? (
          <div role="alert">
            <FieldError message={phase.message} />
          </div>
        ) : null}
      </form>
      <div role="status" className="text-sm empty:hidden">
        {phase.kind === "sending" ? <ImportProgress fraction={phase.progress} /> : null}
        {phase.kind === "done" ? <ImportSummary result={phase.result} /> : null}
      </div>
    </div>
  );
}
