"use client";

import { useRouter } from "next/navigation";
import { CsvAppendWizard } from "@/components/import/csv-append-wizard";
import type { AppendTarget } from "@/lib/csv/import-mapping";

/** The table page's append: the wizard, then the page's rows read again. */
export function CsvAppendForm({ tableId, fields, label }: { tableId: string; fields: AppendTarget[]; label: string }) {
  const router = useRouter();
  return <CsvAppendWizard tableId={tableId} fields={fields} label={label} onImported={() => router.refresh()} />;
}
