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

  /** How to ask for a page: after the page before it when that one is here, else by offset. */
  request(page: number): PageRequest {
    const before = page > 0 ? this.pages.get(page - 1) : undefined;
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
    this.pages.set(page, { rows: data.rows, nextCursor: data.nextCursor });
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
   * Reads the pages again as they come into sight, showing the old rows
   * meanwhile (a refresh on focus or on an interval: no flash of empty rows).
   */
  invalidate() {
    for (const page of this.pages.keys()) this.stale.add(page);
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
    if (!keepTotal) this.total = null;
    this.generation += 1;
    this.changed();
  }
}
