import "server-only";
import type { RowChanges, TableChangeKind, TableEvent } from "@/lib/realtime/table-event";

/**
 * "A table's data or shape changed", announced after the change commits,
 * with the rows it touched (ids, changed field ids, versions; never values).
 * The published-view cache listens to drop stale answers, and realtime
 * broadcasts from here. Announced after commit, never inside the
 * transaction: a reader between the two would cache what is about to change.
 */
export type TableChange = TableEvent & { workspaceId: string; tableId: string };
type Listener = (change: TableChange) => void | Promise<void>;

// On globalThis: Next.js may load this module more than once (instrumentation,
// route handlers), and a listener registered through one copy must hear
// changes announced through another.
const globalForEvents = globalThis as unknown as { tesseraTableChangeListeners?: Set<Listener> };
const listeners = (globalForEvents.tesseraTableChangeListeners ??= new Set<Listener>());

export function onTableChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listener; a failing listener is logged, never fails the write that already committed. */
export async function tableChanged(change: TableChange): Promise<void> {
  await Promise.all(
    [...listeners].map(async (listener) => {
      try {
        await listener(change);
      } catch (error) {
        console.error("table change listener failed", { tableId: change.tableId, error: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
}

/**
 * A change to `table` as seen by every table whose answers show it: links
 * are two-way and lookups read through them, so the linked tables change too.
 * Only `table` itself is told which rows: which rows of a linked table show
 * the change (the link's other ends, every lookup through it) is not known
 * here, so those tables hear "rows changed" and read again. So does a table
 * linked to itself, whose other rows may show the change too.
 */
export async function tableAndLinksChanged(
  table: { workspaceId: string; id: string; linked: Record<string, unknown> },
  kind: TableChangeKind,
  rows?: Partial<RowChanges>,
) {
  const own = rows && !(table.id in table.linked) ? { created: [], updated: [], deleted: [], ...rows } : undefined;
  const ids = new Set([table.id, ...Object.keys(table.linked)]);
  await Promise.all(
    [...ids].map((tableId) => tableChanged({ workspaceId: table.workspaceId, tableId, kind, ...(tableId === table.id && own ? { rows: own } : {}) })),
  );
}
