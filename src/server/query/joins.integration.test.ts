import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/server/db";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";
import { sql } from "drizzle-orm";

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let viewer: Agent;
let orders: string;
let customers: string;
let countries: string;
let otherWorkspaceTable: string;

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  viewer = await signedUpAgent("viewer");
  const workspaceId = (await workspaceWith(owner.user, [[viewer.user, "viewer"]])).id;
  const baseId = (await owner.post("/bases", { workspaceId, name: "Sales" })).body.id;
  customers = (await owner.post("/tables", { baseId, name: "Customers", fields: [{ name: "Name", type: "text" }, { name: "Country", type: "text" }, { name: "Secret", type: "text" }] })).body.id;
  countries = (await owner.post("/tables", { baseId, name: "Countries", fields: [{ name: "Code", type: "text" }, { name: "Label", type: "text" }] })).body.id;
  orders = (await owner.post("/tables", { baseId, name: "Orders", fields: [{ name: "Ref", type: "text" }, { name: "Total", type: "number" }] })).body.id;
  await owner.post(`/tables/${orders}/fields`, { name: "Customer", type: "link", options: { tableId: customers, multiple: true } });
  const c = (await owner.post(`/tables/${customers}/rows`, {
    rows: [{ fields: { Name: "Ada", Country: "FR", Secret: "s1" } }, { fields: { Name: "Bob", Country: "ZZ", Secret: "s2" } }],
  })).body.rows;
  await owner.post(`/tables/${countries}/rows`, { rows: [{ fields: { Code: "FR", Label: "France" } }, { fields: { Code: "DE", Label: "Germany" } }] });
  await owner.post(`/tables/${orders}/rows`, {
    rows: [
      { fields: { Ref: "o1", Total: 10, Customer: [c[0].id, c[1].id] } },
      { fields: { Ref: "o2", Total: 20, Customer: [c[1].id] } },
      { fields: { Ref: "o3", Total: 30 } },
    ],
  });
  const elsewhere = (await workspaceWith(owner.user, [], "Elsewhere")).id;
  const otherBase = (await owner.post("/bases", { workspaceId: elsewhere, name: "B" })).body.id;
  otherWorkspaceTable = (await owner.post("/tables", { baseId: otherBase, name: "T", fields: [{ name: "Name", type: "text" }] })).body.id;
});

describe("joins in the query plan", () => {
  test("through a link: every linked row's chosen fields, in link order; inner keeps rows with a match", async () => {
    const joins = [{ as: "buyers", tableId: customers, via: "Customer", fields: ["Name", "Country"] }];
    const res = await owner.get(`/tables/${orders}/rows?joins=${q(joins)}&sort=${q([{ field: "Ref" }])}`);
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: any) => r.fields.buyers)).toEqual([
      [{ Name: "Ada", Country: "FR" }, { Name: "Bob", Country: "ZZ" }],
      [{ Name: "Bob", Country: "ZZ" }],
      [],
    ]);
    const inner = await owner.get(`/tables/${orders}/rows?joins=${q([{ ...joins[0], kind: "inner" }])}&withTotal=true`);
    expect(inner.body.rows.map((r: any) => r.fields.Ref).sort()).toEqual(["o1", "o2"]);
    expect(inner.body.total).toBe(2);
  });

  test("on equal fields: the first matching row, or null (left) / no row (inner)", async () => {
    const join = { as: "country", tableId: countries, on: { left: "Country", right: "Code" }, fields: ["Label"] };
    const left = await owner.get(`/tables/${customers}/rows?joins=${q([join])}&sort=${q([{ field: "Name" }])}`);
    expect(left.body.rows.map((r: any) => [r.fields.Name, r.fields.country])).toEqual([["Ada", { Label: "France" }], ["Bob", null]]);
    const inner = await owner.get(`/tables/${customers}/rows?joins=${q([{ ...join, kind: "inner" }])}`);
    expect(inner.body.rows.map((r: any) => r.fields.Name)).toEqual(["Ada"]);
  });

  test("the joined table is read under the reader's rules for it", async () => {
    const db = await getDb();
    const secret = (await owner.get(`/tables/${customers}`)).body.fields.find((f: any) => f.name === "Secret").id;
    const rules = { fields: { [secret]: { viewer: "hidden" } }, rows: { viewer: { field: "Name", op: "eq", value: "Ada" } } };
    await db.execute(sql`update tables set rules = ${JSON.stringify(rules)}::jsonb where id = ${customers}`);
    try {
      const hidden = await viewer.get(`/tables/${orders}/rows?joins=${q([{ as: "c", tableId: customers, via: "Customer", fields: ["Secret"] }])}`);
      expectErrorShape(hidden, 400);
      const all = await viewer.get(`/tables/${orders}/rows?joins=${q([{ as: "c", tableId: customers, via: "Customer", fields: ["Name", "Country"] }])}&sort=${q([{ field: "Ref" }])}`);
      expect(all.body.rows.map((r: any) => r.fields.c)).toEqual([[{ Name: "Ada", Country: "FR" }], [], []]);
    } finally {
      await db.execute(sql`update tables set rules = '{}'::jsonb where id = ${customers}`);
    }
  });

  test("bad joins are 400s: another workspace's table, a non-link via, incomparable fields, a name clash", async () => {
    for (const joins of [
      [{ as: "x", tableId: otherWorkspaceTable, on: { left: "Ref", right: "Name" } }],
      [{ as: "x", tableId: customers, via: "Ref" }],
      [{ as: "x", tableId: customers, on: { left: "Total", right: "Name" } }],
      [{ as: "Ref", tableId: customers, via: "Customer" }],
      [{ as: "x", tableId: customers }],
    ]) {
      expectErrorShape(await owner.get(`/tables/${orders}/rows?joins=${q(joins)}`), 400);
    }
  });
});
