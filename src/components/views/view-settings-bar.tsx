"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { FilterNode, SortSpec } from "@/lib/query/plan";
import { inViewOrder } from "@/lib/views/field-order";
import { useTRPC } from "@/trpc/react";
import { exportHref } from "./export-href";
import type { FilterField } from "./filter-tree";
import { useViewSettings } from "./use-view-settings";
import { ViewToolbar } from "./view-toolbar";

type ViewSettingsBarProps = {
  table: { id: string; primaryFieldId: string | null; fields: Array<FilterField & { readOnly?: boolean }> };
  view: { id: string; filter: unknown; sort: SortSpec; groupBy: string[]; hiddenFields: string[]; config: Record<string, unknown> };
};

/**
 * The toolbar of the views that read their settings from the saved view
 * (kanban, calendar, timeline, gallery): filter, sorts and the fields shown,
 * saved, after which the view's rows are read again with them.
 */
export function ViewSettingsBar({ table, view }: ViewSettingsBarProps) {
  const router = useRouter();
  const { settings, change, saveState } = useViewSettings(
    view.id,
    { filter: (view.filter ?? undefined) as FilterNode | undefined, sort: view.sort, groupBy: view.groupBy, hiddenFields: view.hiddenFields, config: view.config },
    true,
  );
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Saved: the view's rows are read again (the server applies the saved settings), and the page re-renders from the saved view.
  useEffect(() => {
    if (saveState.kind !== "saved") return;
    void queryClient.invalidateQueries({ queryKey: trpc.view.data.pathKey() });
    router.refresh();
  }, [saveState, router, queryClient, trpc]);
  const fields = inViewOrder(table.fields, table.primaryFieldId, settings.config.fieldOrder);
  const fieldIds = fields.filter((f) => f.id === table.primaryFieldId || !settings.hiddenFields.includes(f.id)).map((f) => f.id);
  return (
    <ViewToolbar
      fields={fields}
      primaryFieldId={table.primaryFieldId}
      settings={settings}
      onChange={change}
      saveState={saveState}
      exportHref={exportHref(table.id, { filter: settings.filter, sort: settings.sort, fieldIds })}
    />
  );
}
