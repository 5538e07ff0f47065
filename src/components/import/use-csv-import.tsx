"use client";

import { useState } from "react";
import { FieldError } from "@/components/action-form/field-error";
import { sendFile } from "@/components/uploads/send-file";
import { ImportProgress } from "./import-progress";
import { type ImportResult, ImportSummary } from "./import-summary";

export type ImportPhase =
  | { kind: "idle" }
  | { kind: "sending"; progress: number }
  | { kind: "done"; result: ImportResult }
  | { kind: "failed"; message: string };

/** Sends a CSV file to an import endpoint, following its upload progress and its answer. */
export function useCsvImport() {
  const [phase, setPhase] = useState<ImportPhase>({ kind: "idle" });
  /** The answer, or null when it failed (the phase then holds the API's message). */
  async function send(url: string, file: File): Promise<ImportResult | null> {
    setPhase({ kind: "sending", progress: 0 });
    try {
      const result = await sendFile<ImportResult>(url, file, {
        // Browsers label CSV files variously (or not at all); the endpoints read text/csv.
        contentType: "text/csv",
        onProgress: (progress) => setPhase({ kind: "sending", progress }),
      });
      setPhase({ kind: "done", result });
      return result;
    } catch (error) {
      setPhase({ kind: "failed", message: error instanceof Error ? error.message : "The import failed" });
      return null;
    }
  }
  return { phase, sending: phase.kind === "sending", send, reset: () => setPhase({ kind: "idle" }) };
}

/** The failed import's message, announced (inside the form, by its controls). */
export function ImportFailure({ phase }: { phase: ImportPhase }) {
  return phase.kind === "failed" ? (
    <div role="alert">
      <FieldError message={phase.message} />
    </div>
  ) : null;
}

/** The upload's progress, then what came in, announced politely. */
export function ImportStatus({ phase, tableHref }: { phase: ImportPhase; tableHref?: (tableId: string) => string }) {
  return (
    <div role="status" className="text-sm empty:hidden">
      {phase.kind === "sending" ? <ImportProgress fraction={phase.progress} /> : null}
      {phase.kind === "done" ? (
        <ImportSummary result={phase.result} tableHref={phase.result.table && tableHref ? tableHref(phase.result.table.id) : undefined} />
      ) : null}
    </div>
  );
}
