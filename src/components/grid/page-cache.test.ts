import { describe, expect, it } from "vitest";
import { type CachedRow, PageCache } from "./page-cache";

const rows = (from: number, n: number): CachedRow[] => Array.from({ length: n }, (_, i) => ({ id: `r${from + i}`, version: 1, fields: { n: from + i } }));

describe("PageCache", () => {
  it("asks for the first page and the count apart, then follows cursors, and jumps by offset", () => {
    const cache = new PageCache(10);
    expect(cache.request(0)).toEqual({});
    expect(cache.needsCount()).toBe(true);
    cache.store(0, { rows: rows(0, 10), nextCursor: "c1" }, cache.generation);
    expect(cache.rowCount()).toBe(20);
    cache.storeCount(1_000_000, cache.generation);
    expect(cache.needsCount()).toBe(false);
    expect(cache.rowCount()).toBe(1_000_000);
    expect(cache.request(1)).toEqual({ cursor: "c1" });
    expect(cache.request(50_000)).toEqual({ offset: 500_000 });
    expect(cache.row(3)?.id).toBe("r3");
    expect(cache.row(13)).toBeUndefined();
  });

  it("names the pages a range of rows needs, skipping loaded, loading and past-the-end ones", () => {
    const cache = new PageCache(10);
    cache.store(0, { rows: rows(0, 10), nextCursor: "c1", total: 35 }, cache.generation);
    cache.begin(2);
    expect(cache.missing(5, 34)).toEqual([1, 3]);
    expect(cache.missing(0, 1000)).toEqual([1, 3]);
    expect(cache.missing(5, 4)).toEqual([]);
    cache.fail(2, cache.generation);
    expect(cache.missing(20, 29)).toEqual([2]);
  });

  it("counts the rows loaded so far when no count came, and the whole when the last page arrives", () => {
    const cache = new PageCache(10);
    cache.store(0, { rows: rows(0, 10), nextCursor: "c1" }, cache.generation);
    expect(cache.total).toBeNull();
    expect(cache.rowCount()).toBe(20);
    cache.store(1, { rows: rows(10, 4), nextCursor: null }, cache.generation);
    expect(cache.total).toBe(14);
    expect(cache.rowCount()).toBe(14);
  });

  it("keeps at most maxPages, dropping those farthest from the newest", () => {
    const cache = new PageCache(10, 3);
    for (const page of [0, 1, 2, 3]) cache.store(page, { rows: rows(page * 10, 10), nextCursor: `c${page + 1}`, total: 1000 }, cache.generation);
    expect(cache.hasPage(0)).toBe(false);
    expect([1, 2, 3].every((p) => cache.hasPage(p))).toBe(true);
    cache.store(0, { rows: rows(0, 10), nextCursor: "c1" }, cache.generation);
    expect(cache.hasPage(3)).toBe(false);
    expect(cache.hasPage(0)).toBe(true);
  });

  it("drops answers to requests made before a reset", () => {
    const cache = new PageCache(10);
    const before = cache.generation;
    cache.begin(0);
    cache.reset();
    expect(cache.store(0, { rows: rows(0, 10), nextCursor: null }, before)).toBe(false);
    expect(cache.hasPage(0)).toBe(false);
    expect(cache.missing(0, 9)).toEqual([0]);
  });

  it("updates a loaded row in place and tells subscribers", () => {
    const cache = new PageCache(10);
    let calls = 0;
    cache.subscribe(() => calls++);
    cache.store(1, { rows: rows(10, 10), nextCursor: null, total: 20 }, cache.generation);
    expect(cache.indexOf("r12")).toBe(12);
    expect(cache.updateRow("r12", (r) => ({ ...r, fields: { n: 99 } }))).toBe(true);
    expect(cache.row(12)?.fields.n).toBe(99);
    expect(cache.updateRow("nope", (r) => r)).toBe(false);
    expect(calls).toBe(2);
  });

  it("refreshes by reading shown pages again, keeping their rows until the new ones come", () => {
    const cache = new PageCache(10);
    cache.store(0, { rows: rows(0, 10), nextCursor: "c1", total: 20 }, cache.generation);
    cache.store(1, { rows: rows(10, 10), nextCursor: null }, cache.generation);
    const before = cache.generation;
    cache.begin(1);
    cache.invalidate();
    expect(cache.row(3)?.id).toBe("r3");
    expect(cache.missing(0, 19)).toEqual([0, 1]);
    // The count is asked for again; an answer to a request made before the refresh is dropped.
    expect(cache.needsCount()).toBe(true);
    cache.storeCount(99, before);
    expect(cache.total).toBe(20);
    expect(cache.store(1, { rows: rows(10, 10), nextCursor: null }, before)).toBe(false);
    cache.store(0, { rows: [{ id: "new", version: 1, fields: {} }, ...rows(0, 9)], nextCursor: "c1b", total: 21 }, cache.generation);
    expect(cache.row(0)?.id).toBe("new");
    expect(cache.total).toBe(21);
    expect(cache.missing(0, 19)).toEqual([1]);
    expect(cache.request(1)).toEqual({ cursor: "c1b" });
  });
});
