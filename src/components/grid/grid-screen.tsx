"use client";

import { useMemo, useState } from "react";
import type { FilterNode } from "@/lib/query/plan";
import type { Role } from "@/lib/roles";
import { inViewOrder } from "@/lib/views/field-order";
import { useViewSettings } from "@/components/views/use-view-settings";
import { ViewToolbar } from "@/components/views/view-toolbar";
import { type GridTable, GridView, type GridViewConfig } from "./grid-view";

type GridScreenProps = {
  table: GridTable;
  view: GridViewConfig;
  canWrite: boolean;
  canWriteView: boolean;
  workspaceId: string;
  role: Role;
};

/** A grid view with its toolbar: filters, sorts, hidden fields and layout saved to the view, search for the moment. */
export function GridScreen({ table, view, canWrite, canWriteView, workspaceId, role }: GridScreenProps) {
  const { settings, change, saveState } = useViewSettings(
    view.id,
    { filter: (view.filter ?? undefined) as FilterNode | undefined, sort: view.sort, hiddenFields: view.hiddenFields, config: view.config },
    canWriteView,
  );
  const [search, setSearch] = useState("");
  // Hidden ones included: the fields menu lists them.
  const fields = useMemo(() => inViewOrder(table.fields, table.primaryFieldId, settings.config.fieldOrder), [table, settings.config.fieldOrder]);
  const current: GridViewConfig = { ...view, filter: settings.filter ?? null, sort: settings.sort, hiddenFields: settings.hiddenFields, config: settings.config };

  const exportHref = useMemo(() => {
    const params = new URLSearchParams();
    if (settings.filter) params.set("filter", JSON.stringify(settings.filter));
    if (settings.sort.length) params.set("sort", JSON.stringify(settings.sort));
    if (search.trim()) params.set("search", search.trim());
    params.set("fields", JSON.stringify(fields.filter((f) => f.id === table.primaryFieldId || !settings.hiddenFields.includes(f.id)).map((f) => f.id)));
    return `/api/v1/tables/${table.id}/export?${params}`;
  }, [settings.filter, settings.sort, settings.hiddenFields, search, fields, table.id, table.primaryFieldId]);

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
        exportHref={exportHref}
      />
      <div className="min-h-0 flex-1">
        <GridView table={table} view={current} canWrite={canWrite} workspaceId={workspaceId} role={role} search={search} onConfigChange={(config) => change({ config })} />
      </div>
    </div>
  );
}
