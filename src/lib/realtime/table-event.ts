// What the server writes to a table's room after a change commits, and what
// clients apply to their cached pages. Ids, field ids and versions only, never
// a value: each client reads the rows again through the rule-checked API, so a
// viewer never receives a hidden field's value or a row its rule hides.

/** A row written: the fields it changed, and its version after the write (null where the database keeps none: a mounted table). */
export type RowUpdate = { id: string; version: number | null; fields: string[] };

/** Which rows a write touched. Absent from a "rows" change: too many, or unknown (an import), so clients read their rows again. */
export type RowChanges = { created: string[]; updated: RowUpdate[]; deleted: string[] };

export type TableChangeKind = "rows" | "fields" | "views" | "table";

/** `rows`, on a "rows" event: which rows the write touched. Absent: unknown, or too many; read everything again. */
export type TableEvent = { kind: TableChangeKind; rows?: RowChanges };

/**
 * Rows one event names at most. Beyond it the event says only "rows changed"
 * and clients read their rows again: that costs about what fetching so many
 * rows by id would, and keeps each event (a key of the room's storage, read
 * by every client) small.
 */
export const maxEventRows = 100;

/** The event for a change, its row list dropped past `maxEventRows`. */
export function boundedTableEvent(change: TableEvent): TableEvent {
  const { rows } = change;
  if (change.kind !== "rows" || !rows) return { kind: change.kind };
  const named = rows.created.length + rows.updated.length + rows.deleted.length;
  if (named === 0 || named > maxEventRows) return { kind: "rows" };
  return { kind: "rows", rows };
}
