import type { FilterNode, SortSpec } from "@/lib/query/plan";

type Shown = { filter: FilterNode | undefined; sort: SortSpec; search?: string; fieldIds: string[] };

/** The CSV export of a table's rows as a view shows them: its filter, sorts, search and visible fields. */
export function exportHref(tableId: string, { filter, sort, search, fieldIds }: Shown): string {
  const params = new URLSearchParams();
  if (filter) params.set("filter", JSON.stringify(filter));
  if (sort.length) params.set("sort", JSON.stringify(sort));
  if (search?.trim()) params.set("search", search.trim());
  params.set("fields", JSON.stringify(fieldIds));
  return `/api/v1/tables/${tableId}/export?${params}`;
}
