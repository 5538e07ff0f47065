// Realtime events applied to the grid's cached pages. An event names rows
// (ids, changed field ids, versions) and never carries a value: the rows it
// names are read again through the rule-checked API and merged here. Versions
// make this idempotent: an answer older than the row held is dropped, so
// events (and the reads they cause) may arrive late, twice or out of order.

import type { TableEvent } from "@/lib/realtime/table-event";
import type { FilterNode } from "@/lib/query/plan";
import type { CachedRow, PageCache } from "./page-cache";

/** What about the open view decides how a change can be followed without reading everything again. */
export type LiveView = {
  /** Fields (ids) that place a row: the filter's, the sorts', the group's and the group sums'. A change to one may move a row in or out. */
  placing: ReadonlySet<string>;
  /** Fields (ids) any write may change (formulas, lookups, last modified): when one places rows, every update may move them. */
  computed: ReadonlySet<string>;
  /** Rows come in id order with nothing that narrows them: new rows go last. */
  appendsAtEnd: boolean;
  /** A search narrows the rows: any change may bring a row in or take it out. */
  searching: boolean;
  /** Grouped: the groups' counts and sums lay out the lines, so added and removed rows are read again. */
  grouped: boolean;
};

/**
 * What to do about an event: pages to read again from `reread` on (0: all
 * the loaded ones; null: none), rows to take out, rows to fetch. Computed
 * without touching the cache, so the grid can hold back what would disturb
 * an edit in progress.
 */
export type LivePlan = { reread: number | null; remove: string[]; fetch: string[] };

/** The field ids a filter names (by name or id), as ids. */
export function filterFieldIds(filter: FilterNode | null | undefined, idOf: (ref: string) => string): string[] {
  if (!filter) return [];
  if ("and" in filter) return filter.and.flatMap((node) => filterFieldIds(node, idOf));
  if ("or" in filter) return filter.or.flatMap((node) => filterFieldIds(node, idOf));
  return [idOf(filter.field)];
}

const readAll: LivePlan = { reread: 0, remove: [], fetch: [] };

/**
 * Deleted rows leave; added rows make the tail be read again (and the rows
 * counted); updated rows held in an older version are fetched. Anything an
 * event cannot say precisely enough falls back to reading the loaded pages
 * again as they come into sight (the old rows shown meanwhile), which is
 * always right.
 */
export function planTableEvent(cache: PageCache, event: TableEvent, view: LiveView): LivePlan {
  const rows = event.kind === "rows" ? event.rows : undefined;
  // Past the event's bound, an import, a new field or view, the table itself: what changed is not listed.
  if (!rows) return readAll;
  const placingChanged = (fields: string[]) =>
    view.searching || fields.some((f) => view.placing.has(f)) || [...view.placing].some((f) => view.computed.has(f));
  if (rows.updated.some((u) => placingChanged(u.fields))) return readAll;
  if (view.grouped && (rows.created.length > 0 || rows.deleted.length > 0)) return readAll;
  if (rows.created.length > 0 && !view.appendsAtEnd) return readAll;
  // A deleted row that is not loaded still moves the loaded rows after it, by a count we cannot know
  // (unless it is one we took out already: a repeated event).
  const remove = rows.deleted.filter((id) => cache.indexOf(id) >= 0 || !cache.wasRemoved(id));
  if (remove.some((id) => cache.indexOf(id) < 0)) return readAll;

  // New rows go after the last one: the page holding the last row and those after it are read again.
  const reread = rows.created.length > 0 ? cache.pageOf(Math.max(0, (cache.total ?? cache.rowCount()) - 1)) : null;
  const fetch = rows.updated
    .filter((u) => {
      const held = cache.row(cache.indexOf(u.id));
      // Not loaded: read fresh when it comes into sight. Held in this version or a later one: nothing new (a repeat, or our own write).
      return held !== undefined && (u.version === null || held.version < u.version);
    })
    .map((u) => u.id);
  return { reread, remove, fetch };
}

/**
 * Merges rows read again after an event. An answer older than the row held
 * is dropped. A cell for which `keep` answers true (being edited, or a write
 * of ours on its way) keeps its value, and its row its old version, so that
 * reading it again later brings the rest. Returns the rows asked for and not
 * answered (no longer visible to this reader, by its row rule or deleted
 * meanwhile: they are to leave) and the rows that kept a cell (to be read
 * again once the edit ends).
 */
export function mergeFetchedRows(
  cache: PageCache,
  asked: readonly string[],
  answered: readonly CachedRow[],
  keep: (rowId: string, fieldId: string) => boolean,
): { gone: string[]; held: string[] } {
  const byId = new Map(answered.map((row) => [row.id, row]));
  const gone: string[] = [];
  const held: string[] = [];
  for (const id of asked) {
    const fresh = byId.get(id);
    if (!fresh) {
      gone.push(id);
      continue;
    }
    cache.updateRow(id, (old) => {
      if (old.version > fresh.version) return old;
      const fields = { ...old.fields, ...fresh.fields };
      const kept = Object.keys(fresh.fields).filter((fieldId) => keep(id, fieldId));
      if (kept.length === 0) return { ...old, version: fresh.version, fields };
      held.push(id);
      for (const fieldId of kept) fields[fieldId] = old.fields[fieldId];
      return { ...old, fields };
    });
  }
  return { gone, held };
}
