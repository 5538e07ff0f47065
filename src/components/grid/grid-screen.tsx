"use client";

import { Columns3, Upload } from "lucide-react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { FilterNode } from "@/lib/query/plan";
import type { Role } from "@/lib/roles";
import { inViewOrder } from "@/lib/views/field-order";
import { useMediaQuery } from "@/components/use-media-query";
import { exportHref } from "@/components/views/export-href";
import { useViewSettings } from "@/components/views/use-view-settings";
import { ViewToolbar } from "@/components/views/view-toolbar";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Select } from "@/components/ui/select";
import type { RowHeight } from "./grid-row";
import { type GridTable, GridView, type GridViewConfig } from "./grid-view";
import type { ColumnAction } from "./header-cell";
import type { CachedRow, PageData } from "./page-cache";

type GridScreenProps = {
  table: GridTable;
  view: GridViewConfig;
  canWrite: boolean;
  canWriteView: boolean;
  workspaceId: string;
  role: Role;
  /** The table's fields panel (add, edit, convert, delete), for those who may alter the table. */
  fieldsPanel?: React.ReactNode;
  /** The first rows, read by the page on the server for the view's saved settings. */
  firstPage?: PageData<CachedRow>;
};

// Loaded when the dialog first opens: the grid's page is not made to parse CSV code before its first rows.
const CsvAppendWizard = dynamic(() => import("@/components/import/csv-append-wizard").then((m) => m.CsvAppendWizard), { ssr: false });

const rowHeightLabels: Record<RowHeight, string> = { short: "Short", medium: "Medium", tall: "Tall", extra_tall: "Extra tall" };

/** A grid view with its toolbar: filters, sorts, hidden fields and layout saved to the view, search for the moment. */
export function GridScreen({ table, view, canWrite, canWriteView, workspaceId, role, fieldsPanel, firstPage }: GridScreenProps) {
  const router = useRouter();
  const [fieldsOpen, setFieldsOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  /** Bumped when rows were added behind the grid's back (an import): it reads its rows and count again. */
  const [rowsChanged, setRowsChanged] = useState(0);
  // Below Tailwind's `sm`: a phone, where rows are cards that open a record to edit.
  const narrow = useMediaQuery("(max-width: 639px)");
  const { settings, change, saveState } = useViewSettings(
    view.id,
    { filter: (view.filter ?? undefined) as FilterNode | undefined, sort: view.sort, groupBy: view.groupBy ?? [], hiddenFields: view.hiddenFields, config: view.config },
    canWriteView,
  );
  const [search, setSearch] = useState("");
  // Hidden ones included: the fields menu lists them.
  const fields = useMemo(() => inViewOrder(table.fields, table.primaryFieldId, settings.config.fieldOrder), [table, settings.config.fieldOrder]);
  const current: GridViewConfig = { ...view, filter: settings.filter ?? null, sort: settings.sort, groupBy: settings.groupBy, hiddenFields: settings.hiddenFields, config: settings.config };

  const visibleIds = fields.filter((f) => f.id === table.primaryFieldId || !settings.hiddenFields.includes(f.id)).map((f) => f.id);

  const onColumnAction = (fieldId: string, action: ColumnAction) => {
    if (action.kind === "sort") change({ sort: [{ field: fieldId, dir: action.dir }, ...settings.sort.filter((s) => s.field !== fieldId)] });
    else if (action.kind === "hide") change({ hiddenFields: [...settings.hiddenFields.filter((id) => id !== fieldId), fieldId] });
    else setFieldsOpen(true);
  };

  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      <ViewToolbar
        fields={fields}
        primaryFieldId={table.primaryFieldId}
        settings={settings}
        onChange={change}
        saveState={saveState}
        search={search}
        onSearch={setSearch}
        canGroup
        exportHref={exportHref(table.id, { filter: settings.filter, sort: settings.sort, search, fieldIds: visibleIds })}
      >
        <Select
          aria-label="Row height"
          value={(settings.config.rowHeight as RowHeight | undefined) ?? "short"}
          onChange={(e) => change({ config: { rowHeight: e.target.value } })}
          className="w-32 [&_select]:h-8"
        >
          {Object.entries(rowHeightLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label} rows
            </option>
          ))}
        </Select>
        {fieldsPanel ? (
          <Button variant="ghost" size="sm" onClick={() => setFieldsOpen(true)}>
            <Columns3 aria-hidden /> Fields
          </Button>
        ) : null}
        {canWrite ? (
          <Button variant="ghost" size="sm" onClick={() => setImportOpen(true)}>
            <Upload aria-hidden /> Import CSV
          </Button>
        ) : null}
      </ViewToolbar>
      <div className="min-h-0 flex-1">
        <GridView
          table={table}
          view={current}
          canWrite={canWrite}
          workspaceId={workspaceId}
          role={role}
          search={search}
          onConfigChange={(config) => change({ config })}
          onColumnAction={onColumnAction}
          canEditFields={fieldsPanel !== undefined}
          asCards={narrow}
          firstPage={firstPage}
          rowsChanged={rowsChanged}
        />
      </div>
      {canWrite ? (
        <Dialog open={importOpen} onOpenChange={setImportOpen}>
          <DialogContent title="Import rows from CSV" className="max-w-3xl">
            <CsvAppendWizard tableId={table.id} fields={table.fields} label="Import rows from CSV" onImported={() => setRowsChanged((n) => n + 1)} />
          </DialogContent>
        </Dialog>
      ) : null}
      {fieldsPanel ? (
        <Dialog
          open={fieldsOpen}
          onOpenChange={(open) => {
            setFieldsOpen(open);
            // The panel's forms save through server actions; the grid reads the table's new fields afresh.
            if (!open) router.refresh();
          }}
        >
          <DialogContent title="Fields" className="max-w-2xl">
            {fieldsPanel}
          </DialogContent>
        </Dialog>
      ) : null}
    </div>
  );
}
