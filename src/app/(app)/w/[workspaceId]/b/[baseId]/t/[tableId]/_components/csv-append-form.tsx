"use client";

import { useId, useRef } from "react";
import { useRouter } from "next/navigation";
import { LoaderCircle, Upload } from "lucide-react";
import { CsvFileDropZone } from "@/components/import/csv-file-drop-zone";
import { ImportFailure, ImportStatus, useCsvImport } from "@/components/import/use-csv-import";
import { Button } from "@/components/ui/button";

/**
 * Uploads a CSV file to the table's append endpoint from the browser (the
 * file goes as the raw body, which a server action could only buffer), then
 * reports what came in and which lines were refused, and refreshes the page.
 */
export function CsvAppendForm({ tableId, label }: { tableId: string; label: string }) {
  const router = useRouter();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const { phase, sending, send } = useCsvImport();

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = fileInput.current?.files?.[0];
    if (!file || sending) return;
    if (!(await send(`/api/v1/tables/${encodeURIComponent(tableId)}/import`, file))) return;
    form.reset();
    router.refresh();
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
        <ImportFailure phase={phase} />
      </form>
      <ImportStatus phase={phase} />
    </div>
  );
}
