import { describe, expect, it } from "vitest";
import { maxEventRows, boundedTableEvent, type TableEvent } from "@/lib/realtime/table-event";
import { type LiveView, filterFieldIds, mergeFetchedRows, planTableEvent } from "./live-rows";
import { type CachedRow, PageCache } from "./page-cache";

const row = (n: number, version = 1, name = `row ${n}`): CachedRow => ({ id: `r${n}`, version, fields: { name, qty: n } });
const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => row(from + i));

/** Two loaded pages of three rows out of seven: r0 r1 r2 | r3 r4 r5 | (r6 not loaded). */
function loaded() {
  const cache = new PageCache(3);
  cache.store(0, { rows: rows(0, 3), nextCursor: "c0", total: 7 }, cache.generation);
  cache.store(1, { rows: rows(3, 3), nextCursor: "c1" }, cache.generation);
  return cache;
}

const plain: LiveView = { placing: new Set(), computed: new Set(["formula"]), appendsAtEnd: true, searching: false, grouped: false };
const updated = (id: string, version: number | null, fields = ["name"]): TableEvent => ({ kind: "rows", rows: { created: [], updated: [{ id, version, fields }], deleted: [] } });
const deleted = (...ids: string[]): TableEvent => ({ kind: "rows", rows: { created: [], updated: [], deleted: ids } });
const ids = (cache: PageCache) => Array.from({ length: cache.rowCount() }, (_, i) => cache.row(i)?.id ?? null);
const never = () => false;

/** What the grid does with a plan: removals and rereads at once (nothing is being edited), fetches answered by `server`. */
function apply(cache: PageCache, event: TableEvent, server: Map<string, CachedRow>, view = plain) {
  const plan = planTableEvent(cache, event, view);
  for (const id of plan.remove) cache.removeRow(id);
  if (plan.reread !== null) cache.invalidate(plan.reread);
  const answered = plan.fetch.flatMap((id) => (server.has(id) ? [server.get(id)!] : []));
  const { gone } = mergeFetchedRows(cache, plan.fetch, answered, never);
  for (const id of gone) cache.removeRow(id);
  return plan;
}

describe("realtime events applied to cached pages", () => {
  it("fetches only the rows an update names that are held in an older version", () => {
    const cache = loaded();
    const plan = planTableEvent(cache, { kind: "rows", rows: { created: [], deleted: [], updated: [{ id: "r1", version: 2, fields: ["name"] }, { id: "r4", version: 1, fields: ["name"] }, { id: "r6", version: 5, fields: ["name"] }] } }, plain);
    // r4 is held at version 1 already (our own write, or a repeat); r6 is not loaded and is read fresh when it comes into sight.
    expect(plan).toEqual({ reread: null, remove: [], fetch: ["r1"] });
    mergeFetchedRows(cache, plan.fetch, [row(1, 2, "renamed")], never);
    expect(cache.row(1)).toEqual(row(1, 2, "renamed"));
    expect(cache.row(0)).toEqual(row(0));
  });

  it("is harmless when events and the reads they cause arrive out of order or twice", () => {
    const cache = loaded();
    const server = new Map([["r1", row(1, 3, "third")]]);
    // Version 3's event, then version 2's (late), then version 3's again.
    apply(cache, updated("r1", 3), server);
    expect(cache.row(1)).toEqual(row(1, 3, "third"));
    expect(planTableEvent(cache, updated("r1", 2), plain).fetch).toEqual([]);
    expect(planTableEvent(cache, updated("r1", 3), plain).fetch).toEqual([]);
    // A read started before version 3 landed answers after it: dropped.
    mergeFetchedRows(cache, ["r1"], [row(1, 2, "second")], never);
    expect(cache.row(1)).toEqual(row(1, 3, "third"));
    // A page read started before the update, answered after it, keeps the newer row too.
    cache.store(0, { rows: [row(0), row(1, 2, "second"), row(2)], nextCursor: "c0" }, cache.generation);
    expect(cache.row(1)).toEqual(row(1, 3, "third"));
  });

  it("a mounted table's rows have no version: each event reads them again, and the same answer twice changes nothing", () => {
    const cache = loaded();
    const server = new Map([["r2", row(2, 1, "external")]]);
    apply(cache, updated("r2", null), server);
    const once = ids(cache).map((id) => cache.row(cache.indexOf(id!)));
    apply(cache, updated("r2", null), server);
    expect(ids(cache).map((id) => cache.row(cache.indexOf(id!)))).toEqual(once);
    expect(cache.row(2)?.fields.name).toBe("external");
  });

  it("takes deleted rows out, moving the later rows up across pages, and a repeated delete changes nothing", () => {
    const cache = loaded();
    apply(cache, deleted("r1"), new Map());
    expect(ids(cache)).toEqual(["r0", "r2", "r3", "r4", "r5", null]);
    expect(cache.total).toBe(6);
    // Page 1 lost its first row to page 0 and is a row short: it is read again, by offset (its cursor no longer holds).
    expect(cache.missing(0, 5)).toEqual([1]);
    expect(cache.request(1)).toEqual({ offset: 3 });
    expect(cache.request(2)).toEqual({ offset: 6 });
    const repeat = apply(cache, deleted("r1"), new Map());
    expect(repeat).toEqual({ reread: null, remove: [], fetch: [] });
    expect(ids(cache)).toEqual(["r0", "r2", "r3", "r4", "r5", null]);
    expect(cache.total).toBe(6);
  });

  it("a row the reader may no longer see (its row rule) leaves when it is read again", () => {
    const cache = loaded();
    // The server answers nothing for r4: outside this reader's rows now.
    const plan = apply(cache, updated("r4", 2, ["qty"]), new Map());
    expect(plan.fetch).toEqual(["r4"]);
    expect(ids(cache)).toEqual(["r0", "r1", "r2", "r3", "r5", null]);
    expect(cache.total).toBe(6);
  });

  it("keeps a cell being edited or with a write on its way, and its row's old version so the rest comes later", () => {
    const cache = loaded();
    const keep = (rowId: string, fieldId: string) => rowId === "r0" && fieldId === "name";
    const { held } = mergeFetchedRows(cache, ["r0"], [{ id: "r0", version: 4, fields: { name: "theirs", qty: 40 } }], keep);
    expect(held).toEqual(["r0"]);
    expect(cache.row(0)).toEqual({ id: "r0", version: 1, fields: { name: "row 0", qty: 40 } });
    // Once the edit is over the row is read again in full.
    mergeFetchedRows(cache, held, [{ id: "r0", version: 4, fields: { name: "theirs", qty: 40 } }], never);
    expect(cache.row(0)).toEqual({ id: "r0", version: 4, fields: { name: "theirs", qty: 40 } });
  });

  it("new rows in id order make the tail be read again and the rows counted; elsewhere everything is read again", () => {
    const cache = loaded();
    const created: TableEvent = { kind: "rows", rows: { created: ["r7"], updated: [], deleted: [] } };
    expect(planTableEvent(cache, created, plain)).toEqual({ reread: 2, remove: [], fetch: [] });
    cache.invalidate(2);
    expect(cache.needsCount()).toBe(true);
    // Pages before the tail stay as they are.
    expect(cache.missing(0, 5)).toEqual([]);
    const sorted = { ...plain, appendsAtEnd: false };
    expect(planTableEvent(cache, created, sorted).reread).toBe(0);
  });

  it("falls back to reading everything again when an event cannot be followed row by row", () => {
    const cache = loaded();
    const readAll = { reread: 0, remove: [], fetch: [] };
    // Past the bound (or an import): no row list.
    const many = boundedTableEvent({ kind: "rows", rows: { created: [], updated: [], deleted: Array.from({ length: maxEventRows + 1 }, (_, i) => `r${i}`) } });
    expect(many).toEqual({ kind: "rows" });
    expect(planTableEvent(cache, many, plain)).toEqual(readAll);
    // A changed field that places rows (filter, sort, group) may move them in or out.
    expect(planTableEvent(cache, updated("r1", 2, ["qty"]), { ...plain, placing: new Set(["qty"]) })).toEqual(readAll);
    // A sort by a computed field: any write may move a row.
    expect(planTableEvent(cache, updated("r1", 2, ["name"]), { ...plain, placing: new Set(["formula"]) })).toEqual(readAll);
    expect(planTableEvent(cache, updated("r1", 2), { ...plain, searching: true })).toEqual(readAll);
    // A deleted row that is not loaded moves the loaded rows after it by an unknown count.
    expect(planTableEvent(cache, deleted("r6"), plain)).toEqual(readAll);
    expect(planTableEvent(cache, deleted("r1"), { ...plain, grouped: true })).toEqual(readAll);
    expect(planTableEvent(cache, { kind: "fields" }, plain)).toEqual(readAll);
  });

  it("names a filter's fields by id, whether it names them by name or id", () => {
    const idOf = (ref: string) => ({ Name: "f1" })[ref] ?? ref;
    expect(filterFieldIds({ and: [{ field: "Name", op: "eq", value: "x" }, { or: [{ field: "f2", op: "is_empty" }] }] }, idOf)).toEqual(["f1", "f2"]);
    expect(filterFieldIds(null, idOf)).toEqual([]);
  });
});
