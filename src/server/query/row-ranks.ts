import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { SortKey } from "./compile/postgres";

/**
 * The sort key of a view's manual order: the row's rank in view_row_ranks
 * (services/views/row-ranks.ts writes them), compared byte by byte. Unranked
 * rows have none, so they sort after the ranked ones and among themselves by
 * id, the default order — the same keyset cursors page through both.
 */
export function rankKey(viewId: string, row: SQL): SortKey {
  return {
    expr: sql`((select vr.rank from view_row_ranks vr where vr.view_id = ${viewId} and vr.row_id = ${row}.id) collate "C")`,
    dir: "asc",
    type: "text",
  };
}
