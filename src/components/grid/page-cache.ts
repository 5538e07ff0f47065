// Pages of a view's rows by index, as the grid scrolls through them. A page
// after a loaded one is read with that page's keyset cursor; a page reached
// by jumping (dragging the scrollbar of a million rows) by offset. Only the
// pages near where the reader is stay in memory.

export type CachedRow = { id: string; version: number; fields: Record<string, unknown> };
export type PageData<R> = { rows: R[]; nextCursor: string | null; total?: number };
export type PageRequest = { cursor?: string; offset?: number };

export class PageCache<R extends CachedRow = CachedRow> {
  private pages = new Map<number, PageData<R>>();
  private loading = new Set<number>();
  /** Pages still shown but due to be read again (a refresh). */
  private stale = new Set<number>();
  /** Pages whose rows moved up after a removal: their cursor no longer marks where the next page starts. */
  private shifted = new Set<number>();
  /** Rows taken out since the last reset, so that hearing of their deletion again changes nothing. */
  private removed = new Set<string>();
  /** Count the rows again (a refresh). */
  private recount = false;
  private listeners = new Set<() => void>();
  /** Rows in the view; null until the first answer that counted them. */
  total: number | null = null;
  /** Bumped by `reset`: answers to requests made before it are dropped. */
  generation = 0;
  /** Bumped on every change, for `useSyncExternalStore`. */
  version = 0;

  constructor(
    readonly pageSize: number,
    readonly maxPages = 100,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = () => this.version;

  private changed() {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  pageOf(index: number): number {
    return Math.floor(index / this.pageSize);
  }

  row(index: number): R | undefined {
    return this.pages.get(this.pageOf(index))?.rows[index % this.pageSize];
  }

  hasPage(page: number): boolean {
    return this.pages.has(page);
  }

  isLoading(page: number): boolean {
    return this.loading.has(page);
  }

  /** Rows to lay out: the count when known, else what is loaded (and a page more while there is more). */
  rowCount(): number {
    if (this.total !== null) return this.total;
    let count = 0;
    for (const [index, page] of this.pages) {
      count = Math.max(count, index * this.pageSize + page.rows.length + (page.nextCursor ? this.pageSize : 0));
    }
    return count;
  }

  /** Pages the rows `start..end` (inclusive) are on that are neither loaded nor being loaded. */
  missing(start: number, end: number): number[] {
    const out: number[] = [];
    const count = this.total;
    if (end < start) return out;
    for (let page = this.pageOf(Math.max(0, start)); page <= this.pageOf(end); page++) {
      if (count !== null && page * this.pageSize >= Math.max(count, 1)) break;
      if ((!this.pages.has(page) || this.stale.has(page)) && !this.loading.has(page)) out.push(page);
    }
    return out;
  }

  /** How to ask for a page: after the page before it when that one is here (and its cursor still holds), else by offset. */
  request(page: number): PageRequest {
    const before = page > 0 && !this.shifted.has(page - 1) ? this.pages.get(page - 1) : undefined;
    return page === 0 ? {} : before?.nextCursor ? { cursor: before.nextCursor } : { offset: page * this.pageSize };
  }

  /**
   * Whether the rows are to be counted. The count is read beside the pages,
   * not with the first one: counting a million rows takes longer than
   * reading a page of them, and the first rows should not wait for it.
   */
  needsCount(): boolean {
    return this.total === null || this.recount;
  }

  /** Keeps a count (unless the cache was reset since it was asked for). */
  storeCount(total: number, generation: number) {
    if (generation !== this.generation) return;
    this.total = total;
    this.recount = false;
    this.changed();
  }

  begin(page: number) {
    this.loading.add(page);
  }

  fail(page: number, generation: number) {
    if (generation === this.generation) this.loading.delete(page);
  }

  /**
   * Keeps an answer (unless the cache was reset since it was asked for) and
   * forgets the pages farthest from it beyond `maxPages`. False when dropped.
   */
  store(page: number, data: PageData<R>, generation: number): boolean {
    if (generation !== this.generation) return false;
    this.loading.delete(page);
    this.stale.delete(page);
    this.shifted.delete(page);
    // A row already here in a newer version (a realtime update that landed while this page was being read) stays.
    const held = new Map((this.pages.get(page)?.rows ?? []).map((r) => [r.id, r]));
    const rows = data.rows.map((row) => {
      const mine = held.get(row.id);
      return mine && mine.version > row.version ? mine : row;
    });
    this.pages.set(page, { rows, nextCursor: data.nextCursor });
    if (data.total !== undefined) {
      this.total = data.total;
      this.recount = false;
    }
    // The last page tells the count when it was never asked for.
    if (this.total === null && !data.nextCursor) this.total = page * this.pageSize + data.rows.length;
    if (this.pages.size > this.maxPages) {
      const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
      for (const index of far.slice(0, this.pages.size - this.maxPages)) this.pages.delete(index);
    }
    this.changed();
    return true;
  }

  /** Where a row is among the loaded ones, or -1. */
  indexOf(rowId: string): number {
    for (const [index, page] of this.pages) {
      const at = page.rows.findIndex((r) => r.id === rowId);
      if (at >= 0) return index * this.pageSize + at;
    }
    return -1;
  }

  /** Changes a loaded row in place (an optimistic edit, a server's answer); the others stay as they are. */
  updateRow(rowId: string, update: (row: R) => R): boolean {
    for (const page of this.pages.values()) {
      const at = page.rows.findIndex((r) => r.id === rowId);
      if (at >= 0) {
        page.rows = page.rows.map((r, i) => (i === at ? update(r) : r));
        this.changed();
        return true;
      }
    }
    return false;
  }

  /**
   * Takes a row out (deleted, or no longer visible to this reader): the rows
   * after it move up one, each loaded page taking the first row of the next
   * when that one is loaded. A full page whose next is not loaded is left a
   * row short and read again; the cursors of the pages that moved no longer
   * say where the next page starts, so those are read by offset.
   */
  removeRow(rowId: string): boolean {
    const at = this.indexOf(rowId);
    if (at < 0) return false;
    this.removed.add(rowId);
    const from = this.pageOf(at);
    const before = new Map(this.pages);
    for (const [index, page] of before) {
      if (index < from) continue;
      const rows = index === from ? page.rows.filter((r) => r.id !== rowId) : page.rows.slice(1);
      const next = before.get(index + 1)?.rows[0];
      if (next) rows.push(next);
      else if (page.nextCursor) this.stale.add(index);
      this.pages.set(index, { rows, nextCursor: page.nextCursor });
      this.shifted.add(index);
    }
    if (this.total !== null) this.total = Math.max(0, this.total - 1);
    this.changed();
    return true;
  }

  wasRemoved(rowId: string): boolean {
    return this.removed.has(rowId);
  }

  /**
   * Reads the pages again (from page `from` on) as they come into sight,
   * showing the old rows meanwhile (a refresh on focus or on an interval, or
   * rows added at the end: no flash of empty rows), and counts again.
   */
  invalidate(from = 0) {
    for (const page of this.pages.keys()) if (page >= from) this.stale.add(page);
    this.loading.clear();
    this.recount = true;
    this.generation += 1;
    this.changed();
  }

  /** Forgets every page (the view's rows changed in ways a page cannot follow: rows added, a new sort). */
  reset({ keepTotal = false } = {}) {
    this.pages.clear();
    this.loading.clear();
    this.stale.clear();
    this.shifted.clear();
    this.removed.clear();
    if (!keepTotal) this.total = null;
    this.generation += 1;
    this.changed();
  }
}
