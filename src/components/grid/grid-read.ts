// What the grid reads, for the browser and for the page that renders its
// first rows on the server: the same columns and order from both, so the
// rows the server sends are the rows the grid would have asked for.

import type { SortSpec } from "@/lib/query/plan";
import { inViewOrder } from "@/lib/views/field-order";

/** Rows a page of the grid holds. */
export const GRID_PAGE_SIZE = 100;

type ReadTable<F> = { primaryFieldId: string | null; fields: F[] };
type ReadView = { sort: SortSpec; groupBy?: string[]; hiddenFields: string[]; config: { fieldOrder?: string[] } };

/** The view's fields as columns: the primary first, then the view's order, hidden ones left out. */
export function gridColumns<F extends { id: string }>(table: ReadTable<F>, view: ReadView): F[] {
  const hidden = new Set(view.hiddenFields);
  return inViewOrder(table.fields, table.primaryFieldId, view.config.fieldOrder).filter((f) => f.id === table.primaryFieldId || !hidden.has(f.id));
}

/** The order rows are read in: the group field first when grouped (groups are runs of rows), then the view's sorts. */
export function gridSort<F extends { id: string }>(table: ReadTable<F>, view: ReadView): SortSpec {
  const groupField = table.fields.find((f) => f.id === view.groupBy?.[0]);
  return groupField ? [{ field: groupField.id, dir: "asc" }, ...view.sort.filter((s) => s.field !== groupField.id)] : view.sort;
}
