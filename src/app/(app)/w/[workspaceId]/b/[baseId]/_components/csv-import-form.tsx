"use client";

import { useId, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { LoaderCircle, Upload } from "lucide-react";
import { FieldError } from "@/components/action-form/field-error";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { sendFile } from "@/components/uploads/send-file";
import { tablePath } from "@/app/_lib/paths";

/** Where the rows go: a new table of the base (its types inferred), or the end of an existing one. */
export type ImportTarget = { kind: "new-table"; workspaceId: string; baseId: string } | { kind: "append"; tableId: string };

type ImportResult = {
  imported: number;
  rejected: Array<{ line: number; reason: string }>;
  rejectedTotal: number;
  /** Append only: the file's columns (1-based) no field is named after. */
  ignoredColumns?: number[];
  /** New table only. */
  table?: { id: string; name: string };
};

type Phase =
  | { kind: "idle" }
  | { kind: "sending"; progress: number }
  | { kind: "done"; result: ImportResult }
  | { kind: "failed"; message: string };

const rejectedShown = 20;

function endpoint(target: ImportTarget, name: string): string {
  if (target.kind === "append") return `/api/v1/tables/${encodeURIComponent(target.tableId)}/import`;
  return `/api/v1/tables/import?${new URLSearchParams({ baseId: target.baseId, name })}`;
}

// "Sales 2026.csv" names its table "Sales 2026".
const nameFromFile = (fileName: string) => fileName.replace(/\.(csv|tsv|txt)$/i, "").trim().slice(0, 100);

/**
 * Uploads a CSV file to the import endpoint from the browser (the file goes
 * as the raw body, which a server action could only buffer), then reports
 * what came in and which lines were refused, and refreshes the page's data.
 */
export function CsvImportForm({ target, label }: { target: ImportTarget; label: string }) {
  const router = useRouter();
  const id = useId();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [name, setName] = useState("");
  // The table name follows the chosen file until someone types one.
  const nameTyped = useRef(false);
  const sending = phase.kind === "sending";

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = (form.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
    if (!file || sending) return;
    setPhase({ kind: "sending", progress: 0 });
    try {
      const result = await sendFile<ImportResult>(endpoint(target, name.trim() || nameFromFile(file.name)), file, {
        // Browsers label CSV files variously (or not at all); the endpoint reads text/csv.
        contentType: "text/csv",
        onProgress: (progress) => setPhase({ kind: "sending", progress }),
      });
      setPhase({ kind: "done", result });
      form.reset();
      setName("");
      nameTyped.current = false;
      router.refresh();
    } catch (error) {
      setPhase({ kind: "failed", message: error instanceof Error ? error.message : "The import failed" });
    }
  }

  return (
    <div className="grid gap-4">
      <form onSubmit={submit} aria-label={label} aria-busy={sending || undefined} className="grid gap-3">
        <div className={target.kind === "new-table" ? "grid gap-3 sm:grid-cols-2" : "grid gap-3"}>
          <div className="grid content-start gap-1.5">
            <Label htmlFor={`${id}-file`}>CSV file</Label>
            <Input
              id={`${id}-file`}
              name="file"
              type="file"
              accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
              required
              disabled={sending}
              aria-describedby={`${id}-file-hint`}
              className="py-1.5 file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium"
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                if (file && target.kind === "new-table" && !nameTyped.current) setName(nameFromFile(file.name));
              }}
            />
            <p id={`${id}-file-hint`} className="text-xs text-muted-foreground">
              {target.kind === "new-table"
                ? "The first line names the fields; their types are guessed from the values."
                : "The first line must name fields of this table; other columns are ignored."}
            </p>
          </div>
          {target.kind === "new-table" ? (
            <div className="grid content-start gap-1.5">
              <Label htmlFor={`${id}-name`}>Table name</Label>
              <Input
                id={`${id}-name`}
                name="name"
                value={name}
                onChange={(event) => {
                  nameTyped.current = true;
                  setName(event.target.value);
                }}
                maxLength={100}
                autoComplete="off"
                placeholder="The file's name"
                disabled={sending}
              />
            </div>
          ) : null}
        </div>
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
        {phase.kind === "sending" ? <Progress fraction={phase.progress} /> : null}
        {phase.kind === "done" ? <ImportSummary result={phase.result} target={target} /> : null}
      </div>
    </div>
  );
}

function Progress({ fraction }: { fraction: number }) {
  // Once the whole file is up, the server is still reading and checking it.
  const uploading = fraction < 1;
  return (
    <div className="grid gap-1.5">
      <span className="flex items-center gap-2 text-muted-foreground">
        <LoaderCircle aria-hidden className="size-3.5 animate-spin" />
        {uploading ? `Uploading… ${Math.round(fraction * 100)}%` : "Importing…"}
      </span>
      <span aria-hidden className="h-1.5 w-full max-w-sm overflow-hidden rounded-full bg-muted">
        <span className="block h-full bg-primary transition-[width]" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </span>
    </div>
  );
}

const rows = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "row" : "rows"}`;

function ImportSummary({ result, target }: { result: ImportResult; target: ImportTarget }) {
  const ignored = result.ignoredColumns ?? [];
  return (
    <div className="grid gap-3">
      <p className="font-medium">
        Imported {rows(result.imported)}
        {result.table && target.kind === "new-table" ? (
          <>
            {" "}
            into{" "}
            <Link href={tablePath(target.workspaceId, target.baseId, result.table.id)} className="text-primary underline-offset-4 hover:underline">
              {result.table.name}
            </Link>
          </>
        ) : null}
        .
      </p>
      {ignored.length > 0 ? (
        <p className="text-muted-foreground">
          {ignored.length === 1 ? `Column ${ignored[0]} matches` : `Columns ${ignored.join(", ")} match`} no field of the table and{" "}
          {ignored.length === 1 ? "was" : "were"} ignored.
        </p>
      ) : null}
      {result.rejectedTotal > 0 ? (
        <div className="grid gap-2">
          <p className="text-destructive">
            {result.rejectedTotal === 1 ? "1 line was" : `${result.rejectedTotal.toLocaleString("en")} lines were`} not imported
            {result.rejectedTotal > rejectedShown ? `; the first ${rejectedShown} are listed` : ""}:
          </p>
          <div className="overflow-x-auto rounded-md border border-border">
            <table className="w-full text-sm">
              <caption className="sr-only">Lines not imported</caption>
              <thead className="bg-muted text-left">
                <tr>
                  <th scope="col" className="w-20 px-3 py-1.5 font-medium">
                    Line
                  </th>
                  <th scope="col" className="px-3 py-1.5 font-medium">
                    Reason
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {result.rejected.slice(0, rejectedShown).map((r, i) => (
                  <tr key={i}>
                    <td className="px-3 py-1.5 tabular-nums">{r.line}</td>
                    <td className="px-3 py-1.5">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </div>
  );
}
