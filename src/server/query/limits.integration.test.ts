import { beforeAll, describe, expect, test } from "vitest";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

// Large but legitimate input works, and what is too large is a 400, never a
// 500: long text in a sorted and grouped view, long sort keys in cursors,
// wide joins, many long `in` lists, numbers beyond a double.

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let baseId: string;
let tableId: string;

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const longText = (n: number, seed: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 7 + seed) % 26))).join("");

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  const workspaceId = (await workspaceWith(owner.user)).id;
  baseId = (await owner.post("/bases", { workspaceId, name: "B" })).body.id;
  tableId = (await owner.post("/tables", {
    baseId,
    name: "Notes",
    fields: [{ name: "Title", type: "text" }, { name: "Body", type: "long_text" }, { name: "N", type: "number", options: { precision: 8 } }],
  })).body.id;
});

describe("large input", () => {
  test("a view sorted and grouped by long text saves, and text of any length is still written", async () => {
    expect((await owner.post("/views", { tableId, name: "By body", type: "grid", sort: [{ field: "Body" }], groupBy: ["Body"] })).status).toBe(201);
    const rows = Array.from({ length: 3 }, (_, i) => ({ fields: { Title: `t${i}`, Body: longText(6000, i) } }));
    expect((await owner.post(`/tables/${tableId}/rows`, { rows })).status).toBe(201);
  });

  test("pages sorted by a long text value follow their cursors to the end", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await owner.get(`/tables/${tableId}/rows?sort=${q([{ field: "Body" }])}&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.rows.map((r: { id: string }) => r.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(3);
  });

  test("a number too large for its precision is refused, not stored as Infinity", async () => {
    const res = await owner.post(`/tables/${tableId}/rows`, { rows: [{ fields: { N: 1e305 } }] });
    expectErrorShape(res, 400);
    expect(res.body.error.message).toContain("N");
  });

  test("many long in-lists are answered; too many conditions are a 400", async () => {
    const lists = Array.from({ length: 70 }, (_, i) => ({ field: "Title", op: "in", value: Array.from({ length: 1000 }, (_, j) => `v${i}-${j}`) }));
    const answered = await owner.post(`/tables/${tableId}/aggregate`, { filter: { or: lists }, aggregates: [{ fn: "count", as: "n" }] });
    expect(answered.status).toBe(200);
    expect(answered.body.groups[0].values.n).toBe(0);
    const tooMany = { or: Array.from({ length: 2001 }, () => ({ field: "Title", op: "eq", value: "x" })) };
    expectErrorShape(await owner.post(`/tables/${tableId}/aggregate`, { filter: tooMany, aggregates: [{ fn: "count", as: "n" }] }), 400);
  });

  test("a join with every field of a wide table works", async () => {
    const fields = Array.from({ length: 60 }, (_, i) => ({ name: `F${i}`, type: "number" }));
    const wide = (await owner.post("/tables", { baseId, name: "Wide", fields: [{ name: "Title", type: "text" }, ...fields] })).body.id;
    await owner.post(`/tables/${wide}/rows`, { rows: [{ fields: { Title: "t0", F59: 59 } }] });
    const res = await owner.get(`/tables/${tableId}/rows?joins=${q([{ as: "w", tableId: wide, on: { left: "Title", right: "Title" } }])}&filter=${q({ field: "Title", op: "eq", value: "t0" })}`);
    expect(res.status).toBe(200);
    expect(res.body.rows[0].fields.w.F59).toBe(59);
    expect(Object.keys(res.body.rows[0].fields.w)).toHaveLength(61);
  });
});
