import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/server/db";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let viewer: Agent;
let tableId: string;

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const names = (res: { body: { rows: Array<{ fields: Record<string, unknown> }> } }) => res.body.rows.map((r) => r.fields.Item);

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  viewer = await signedUpAgent("viewer");
  const workspaceId = (await workspaceWith(owner.user, [[viewer.user, "viewer"]])).id;
  const baseId = (await owner.post("/bases", { workspaceId, name: "Shop" })).body.id;
  tableId = (await owner.post("/tables", {
    baseId,
    name: "Lines",
    fields: [{ name: "Item", type: "text" }, { name: "Price", type: "number", options: { precision: 2 } }, { name: "Qty", type: "number" }, { name: "Cost", type: "number" }],
  })).body.id;
  expect((await owner.post(`/tables/${tableId}/fields`, { name: "Total", type: "formula", options: { formula: "{Price} * {Qty}" } })).status).toBe(201);
  expect((await owner.post(`/tables/${tableId}/fields`, { name: "Margin", type: "formula", options: { formula: "{Total} - {Cost}" } })).status).toBe(201);
  expect((await owner.post(`/tables/${tableId}/fields`, { name: "Label", type: "formula", options: { formula: 'UPPER({Item}) & "-" & {Qty}' } })).status).toBe(201);
  await owner.post(`/tables/${tableId}/rows`, {
    rows: [
      { fields: { Item: "apple", Price: 1.5, Qty: 4, Cost: 1 } },
      { fields: { Item: "pear", Price: 2, Qty: 1, Cost: 5 } },
      { fields: { Item: "fig", Price: 10, Qty: 3, Cost: 2 } },
      { fields: { Item: "kiwi", Price: null, Qty: 2, Cost: 0 } },
    ],
  });
});

describe("formula fields in the query plan", () => {
  test("filter, sort and search by a formula field run in the database", async () => {
    expect(names(await owner.get(`/tables/${tableId}/rows?filter=${q({ field: "Total", op: "gt", value: 5 })}&sort=${q([{ field: "Total", dir: "desc" }])}`))).toEqual(["fig", "apple"]);
    // A blank price counts as 0 in arithmetic (as in Airtable): kiwi's total is 0, its margin 0.
    expect(names(await owner.get(`/tables/${tableId}/rows?sort=${q([{ field: "Margin" }])}`))).toEqual(["pear", "kiwi", "apple", "fig"]);
    expect(names(await owner.get(`/tables/${tableId}/rows?filter=${q({ field: "Label", op: "starts_with", value: "FIG" })}`))).toEqual(["fig"]);
    expect(names(await owner.get(`/tables/${tableId}/rows?filter=${q({ field: "Total", op: "eq", value: 0 })}`))).toEqual(["kiwi"]);
    expect(names(await owner.get(`/tables/${tableId}/rows?filter=${q({ field: "Total", op: "is_empty" })}`))).toEqual([]);
    expect(names(await owner.get(`/tables/${tableId}/rows?search=PEAR-1`))).toEqual(["pear"]);
  });

  test("grouping and aggregates over a formula field", async () => {
    const res = await owner.post(`/tables/${tableId}/aggregate`, { aggregates: [{ fn: "sum", field: "Total", as: "revenue" }, { fn: "count_empty", field: "Total", as: "unpriced" }] });
    expect(res.body.groups).toEqual([{ key: {}, values: { revenue: 38, unpriced: 0 } }]);
  });

  test("an operator that does not fit the formula's result is a 400", async () => {
    expectErrorShape(await owner.get(`/tables/${tableId}/rows?filter=${q({ field: "Total", op: "contains", value: "1" })}`), 400);
    expectErrorShape(await owner.get(`/tables/${tableId}/rows?filter=${q({ field: "Label", op: "gt", value: 1 })}`), 400);
  });
});

describe("computed columns of a plan", () => {
  test("are answered, filtered and sorted by name", async () => {
    const computed = [{ name: "Double", formula: "{Qty} * 2" }];
    const res = await owner.get(`/tables/${tableId}/rows?computed=${q(computed)}&filter=${q({ field: "Double", op: "gte", value: 4 })}&sort=${q([{ field: "Double", dir: "desc" }])}&fields=${q(["Item"])}`);
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { fields: Record<string, unknown> }) => r.fields)).toEqual([
      { Item: "apple", Double: 8 },
      { Item: "fig", Double: 6 },
      { Item: "kiwi", Double: 4 },
    ]);
  });

  test("a malformed formula or a clash with a field name is a 400 naming it", async () => {
    const bad = await owner.get(`/tables/${tableId}/rows?computed=${q([{ name: "X", formula: "{Qty} *" }])}`);
    expectErrorShape(bad, 400);
    expect(bad.body.error.message).toContain("X");
    expectErrorShape(await owner.get(`/tables/${tableId}/rows?computed=${q([{ name: "qty", formula: "1" }])}`), 400);
    expectErrorShape(await owner.get(`/tables/${tableId}/rows?computed=${q([{ name: "Y", formula: "{Nope} + 1" }])}`), 400);
  });

  test("cannot read a field the reader may not see, nor can a formula field over it", async () => {
    const db = await getDb();
    const fields = (await owner.get(`/tables/${tableId}`)).body.fields as Array<{ id: string; name: string }>;
    const cost = fields.find((f) => f.name === "Cost")!.id;
    await db.execute(sql`update tables set rules = ${JSON.stringify({ fields: { [cost]: { viewer: "hidden" } }, rows: {} })}::jsonb where id = ${tableId}`);
    try {
      expectErrorShape(await viewer.get(`/tables/${tableId}/rows?computed=${q([{ name: "Leak", formula: "{Cost} * 1" }])}`), 400);
      const rows = await viewer.get(`/tables/${tableId}/rows`);
      expect(Object.keys(rows.body.rows[0].fields).sort()).toEqual(["Item", "Label", "Price", "Qty", "Total"]);
      expectErrorShape(await viewer.get(`/tables/${tableId}/rows?filter=${q({ field: "Margin", op: "gt", value: 0 })}`), 400);
      const table = await viewer.get(`/tables/${tableId}`);
      expect(table.body.fields.map((f: { name: string }) => f.name)).not.toContain("Margin");
    } finally {
      await db.execute(sql`update tables set rules = '{}'::jsonb where id = ${tableId}`);
    }
  });
});

describe("values a formula cannot hold", () => {
  test("a write whose formula would overflow in the database is a 400, never a 500, and nothing is written", async () => {
    const created = await owner.post(`/tables/${tableId}/rows`, { rows: [{ fields: { Item: "huge", Price: 1e200, Qty: 1e200 } }] });
    expectErrorShape(created, 400);
    expect((await owner.get(`/tables/${tableId}/rows`)).body.rows).toHaveLength(4);
  });
});

describe("renaming a field a formula reads", () => {
  test("rewrites the formula with the new name, and it keeps computing", async () => {
    const fields = (await owner.get(`/tables/${tableId}`)).body.fields as Array<{ id: string; name: string; options: { formula?: string } }>;
    const qty = fields.find((f) => f.name === "Qty")!;
    expect((await owner.patch(`/tables/${tableId}/fields/${qty.id}`, { name: "Quantity {boxes}" })).status).toBe(200);
    const after = (await owner.get(`/tables/${tableId}`)).body.fields as typeof fields;
    expect(after.find((f) => f.name === "Total")!.options.formula).toBe("{Price} * {Quantity {boxes\\}}");
    expect(names(await owner.get(`/tables/${tableId}/rows?filter=${q({ field: "Total", op: "eq", value: 6 })}`))).toEqual(["apple"]);
    await owner.patch(`/tables/${tableId}/fields/${qty.id}`, { name: "Qty" });
  });
});

