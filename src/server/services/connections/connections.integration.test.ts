import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeIdleConnectors, openConnectorCount } from "@/server/connectors/connector-pool";
import { workspaceWith } from "@/test/fixtures";
import { createExternalMysql, createExternalPg, externalPgUrl, mysqlUrl, skipNotice } from "@/test/external-databases";
import { type Customer, fixtureData, hostileColumns, hostileTable, numbersCount, seedMysql, seedPostgres } from "@/test/external-fixture";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

/**
 * External connections end to end through the REST API, against the
 * machine's real PostgreSQL and MariaDB: each run creates its own fixture
 * database, seeds the same data into it, and drops it afterwards.
 */

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
type Engine = {
  kind: "postgres" | "mysql";
  adminUrl: string | undefined;
  variable: string;
  setUp: (adminUrl: string) => Promise<{ url: string; schema: string; database: string; drop: () => Promise<void> }>;
};

const data = fixtureData();

const engines: Engine[] = [
  {
    kind: "postgres",
    adminUrl: externalPgUrl,
    variable: "TEST_EXTERNAL_PG_URL",
    setUp: async (adminUrl) => {
      const db = await createExternalPg(adminUrl);
      await seedPostgres(db, data);
      return { url: db.url, schema: "public", database: db.name, drop: db.drop };
    },
  },
  {
    kind: "mysql",
    adminUrl: mysqlUrl,
    variable: "TEST_MYSQL_URL",
    setUp: async (adminUrl) => {
      const db = await createExternalMysql(adminUrl);
      await seedMysql(db, data);
      return { url: db.url, schema: db.name, database: db.name, drop: db.drop };
    },
  },
];

for (const engine of engines) if (!engine.adminUrl) skipNotice(engine.variable, `external ${engine.kind} connection tests`);

describe.each(engines.filter((e) => e.adminUrl))("$kind connection", (engine) => {
  let owner: Agent;
  let workspaceId: string;
  let fixture: Awaited<ReturnType<Engine["setUp"]>>;
  let connectionId: string;
  const query = (body: Record<string, unknown>) => owner.post(`/connections/${connectionId}/query`, body);
  const qualified = (table: string) => `${fixture.schema}.${table}`;

  /** Every page of a query, through nextCursor. */
  async function allPages(body: Record<string, unknown>) {
    const rows: Array<Record<string, unknown>> = [];
    let cursor: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const res = await query({ ...body, ...(cursor ? { cursor } : {}) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      rows.push(...res.body.rows);
      if (!res.body.nextCursor) return rows;
      cursor = res.body.nextCursor;
    }
    throw new Error("too many pages");
  }

  beforeAll(async () => {
    fixture = await engine.setUp(engine.adminUrl!);
    owner = await signedUpAgent("owner");
    workspaceId = (await workspaceWith(owner.user)).id;
    const created = await owner.post("/connections", { workspaceId, name: "Shop", kind: engine.kind, url: fixture.url });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    connectionId = created.body.id;
  });

  afterAll(async () => {
    if (connectionId) await owner.delete(`/connections/${connectionId}`);
    await fixture?.drop();
  });

  test("a connection is answered without credentials and tests ok", async () => {
    const got = await owner.get(`/connections/${connectionId}`);
    expect(got.body).toMatchObject({ id: connectionId, name: "Shop", kind: engine.kind, host: "127.0.0.1", database: fixture.database, status: "untested" });
    expect(JSON.stringify(got.body)).not.toMatch(/password|sealed/i);
    const tested = await owner.post(`/connections/${connectionId}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body).toEqual({ ok: true, latencyMs: expect.any(Number) });
    expect((await owner.get(`/connections?workspaceId=${workspaceId}`)).body.connections).toEqual([expect.objectContaining({ id: connectionId, status: "ok" })]);
  });

  test("discovery: tables and views, column types, nullability, primary and foreign keys", async () => {
    const res = await owner.get(`/connections/${connectionId}/schema`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const schema = res.body.schemas.find((s: { name: string }) => s.name === fixture.schema);
    const table = (name: string) => schema.tables.find((t: { name: string }) => t.name === name);
    expect(schema.tables.map((t: { name: string }) => t.name).sort()).toEqual(["big_orders", "customers", "numbers", "orders", "slow", hostileTable].sort());
    expect(table("customers")).toMatchObject({ kind: "table", primaryKey: ["id"] });
    const column = (t: string, c: string) => table(t).columns.find((x: { name: string }) => x.name === c);
    expect(column("customers", "name")).toMatchObject({ type: "text", nullable: false });
    expect(column("customers", "email")).toMatchObject({ type: "text", nullable: true });
    expect(column("customers", "vip")).toMatchObject({ type: "boolean" });
    expect(column("customers", "balance")).toMatchObject({ type: "number" });
    expect(column("customers", "joined_on")).toMatchObject({ type: "date" });
    expect(column("customers", "created_at")).toMatchObject({ type: "datetime" });
    expect(table("customers").columns.map((c: { name: string }) => c.name)).toEqual(["id", "name", "email", "country", "vip", "joined_on", "created_at", "balance"]);
    expect(table("orders").foreignKeys).toEqual([{ columns: ["customer_id"], references: { schema: fixture.schema, table: "customers", columns: ["id"] } }]);
    expect(table("big_orders")).toMatchObject({ kind: "view", primaryKey: [] });
    expect(table(hostileTable).columns.map((c: { name: string }) => c.name)).toEqual(Object.values(hostileColumns));
    expect(table(hostileTable).primaryKey).toEqual([hostileColumns.space]);
    // Cached: a second read answers the same discovery, a refresh a new one.
    const again = await owner.get(`/connections/${connectionId}/schema`);
    expect(again.body.discoveredAt).toBe(res.body.discoveredAt);
    const refreshed = await owner.post(`/connections/${connectionId}/schema/refresh`);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.discoveredAt > res.body.discoveredAt).toBe(true);
    expect((await owner.get(`/connections/${connectionId}/schema?refresh=1`)).body.discoveredAt > refreshed.body.discoveredAt).toBe(true);
  });

  test("values keep their types: unicode text, decimals as numbers, dates and instants as ISO", async () => {
    const res = await query({ table: qualified("customers"), limit: 500 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toEqual(data.customers);
  });

  test("filters and sorts mean what they mean on internal tables, across keyset pages", async () => {
    const filter = { and: [{ field: "country", op: "in", value: ["FR", "JP"] }, { or: [{ field: "vip", op: "eq", value: true }, { field: "balance", op: "gt", value: 1000 }] }] };
    const sort = [{ field: "balance", dir: "desc" }, { field: "joined_on", dir: "asc" }];
    const expected = data.customers
      .filter((c) => (c.country === "FR" || c.country === "JP") && (c.vip || (c.balance !== null && c.balance > 1000)))
      .sort((a, b) => byKey(a.balance, b.balance, "desc") || byKey(a.joined_on, b.joined_on, "asc") || a.id - b.id)
      .map((c) => ({ id: c.id, name: c.name }));
    expect(expected.length).toBeGreaterThan(10);
    const rows = await allPages({ table: qualified("customers"), filter, sort, fields: ["id", "name"], limit: 7 });
    expect(rows).toEqual(expected);
  });

  test("text, date and instant operators, and empty cells", async () => {
    const ids = async (filter: unknown, table = "customers") => (await allPages({ table: qualified(table), filter, fields: ["id"], limit: 500 })).map((r) => r.id);
    const matching = (test: (c: Customer) => boolean) => data.customers.filter(test).map((c) => c.id);
    expect(await ids({ field: "name", op: "contains", value: "zoë" })).toEqual(matching((c) => c.name.toLowerCase().includes("zoë")));
    expect(await ids({ field: "name", op: "starts_with", value: "o'b" })).toEqual(matching((c) => c.name.toLowerCase().startsWith("o'b")));
    expect(await ids({ field: "email", op: "is_empty" })).toEqual(matching((c) => c.email === null));
    expect(await ids({ field: "country", op: "neq", value: "FR" })).toEqual(matching((c) => c.country !== "FR"));
    expect(await ids({ field: "joined_on", op: "between", value: ["2024-01-01", "2024-06-30"] })).toEqual(
      matching((c) => c.joined_on !== null && c.joined_on >= "2024-01-01" && c.joined_on <= "2024-06-30"),
    );
    expect(await ids({ field: "created_at", op: "lt", value: "2024-03-01T00:00:00Z" })).toEqual(matching((c) => c.created_at !== null && c.created_at < "2024-03-01T00:00:00.000Z"));
    const one = data.customers.find((c) => c.created_at)!;
    expect(await ids({ field: "created_at", op: "eq", value: one.created_at })).toEqual(matching((c) => c.created_at === one.created_at));
    const noteIds = await ids({ field: "note", op: "contains", value: "50%" }, "orders");
    expect(noteIds).toEqual(data.orders.filter((o) => o.note?.includes("50%")).map((o) => o.id));
  });

  test("hostile names in the database itself, and injection-shaped values, are only ever data", async () => {
    const rows = await allPages({
      table: qualified(hostileTable),
      filter: { field: hostileColumns.semicolon, op: "eq", value: "'; drop table customers; --" },
      sort: [{ field: hostileColumns.quoted, dir: "desc" }],
      limit: 2,
    });
    const expected = data.hostileRows
      .filter((r) => r[hostileColumns.semicolon] === "'; drop table customers; --")
      .sort((a, b) => (String(b[hostileColumns.quoted]) < String(a[hostileColumns.quoted]) ? -1 : 1));
    expect(rows).toEqual(expected);
    for (const value of ["x' OR '1'='1", 'x" OR "1"="1', "x`; DROP TABLE customers; --", "\\'; SELECT 1; --", "$1", "%", "_"]) {
      const res = await query({ table: qualified("customers"), filter: { field: "name", op: "eq", value } });
      expect(res.status).toBe(200);
      expect(res.body.rows).toEqual([]);
    }
    const unknown = await query({ table: qualified("customers"), filter: { field: "name; drop table customers", op: "eq", value: 1 } });
    expectErrorShape(unknown, 400);
    expectErrorShape(await query({ table: qualified("customers"), sort: [{ field: "id`) --", dir: "asc" }] }), 400);
    expectErrorShape(await query({ table: "customers; drop table orders" }), 404);
    expectErrorShape(await query({ table: qualified("customers"), filter: { field: "balance", op: "gt", value: "lots" } }), 400);
    expectErrorShape(await query({ table: qualified("customers"), filter: { field: "vip", op: "contains", value: "t" } }), 400);
    expectErrorShape(await query({ table: qualified("customers"), cursor: "bm90IGEgY3Vyc29y" }), 400);
    // Nothing was dropped.
    expect((await query({ table: qualified("customers"), limit: 1 })).body.rows).toHaveLength(1);
  });

  test("the row cap holds on a large table, and keyset pages read all of it once", async () => {
    const first = await query({ table: qualified("numbers"), limit: 1000 });
    expect(first.status).toBe(200);
    expect(first.body.rows).toHaveLength(500);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const all = await allPages({ table: qualified("numbers"), sort: [{ field: "n", dir: "desc" }], limit: 1000 });
    expect(all.map((r) => r.n)).toEqual(Array.from({ length: numbersCount }, (_, i) => numbersCount - i));
  });

  test("a view without a primary key pages by offset", async () => {
    const rows = await allPages({ table: qualified("big_orders"), sort: [{ field: "total", dir: "asc" }], fields: ["id", "total"], limit: 13 });
    const expected = data.orders.filter((o) => o.total !== null && o.total > 100).sort((a, b) => a.total! - b.total! || a.id - b.id);
    expect(rows.map((r) => r.total)).toEqual(expected.map((o) => o.total));
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  test("a slow query is cancelled at the time limit and answers 422, and the connection still works", async () => {
    const started = Date.now();
    const res = await query({ table: qualified("slow") });
    expectErrorShape(res, 422);
    expect(res.body.error.message).toMatch(/longer than the 3 s limit and was cancelled/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await query({ table: qualified("numbers"), limit: 1 })).status).toBe(200);
  });

  test("a missing database is named", async () => {
    const url = new URL(fixture.url);
    url.pathname = "/no_such_database_here";
    const created = await owner.post("/connections", { workspaceId, name: "Missing", kind: engine.kind, url: url.toString() });
    const tested = await owner.post(`/connections/${created.body.id}/test`);
    expect(tested.body).toMatchObject({ ok: false, reason: "database_missing" });
    expect(tested.body.error).toMatch(/no_such_database_here.*does not exist/);
    expectErrorShape(await owner.get(`/connections/${created.body.id}/schema`), 502);
    expect((await owner.get(`/connections/${created.body.id}`)).body).toMatchObject({ status: "error", lastError: tested.body.error });
  });

  test("update keeps what it is not given; delete closes the pool", async () => {
    const renamed = await owner.put(`/connections/${connectionId}`, { name: "Shop (renamed)", readOnly: true });
    expect(renamed.body).toMatchObject({ name: "Shop (renamed)", readOnly: true, host: "127.0.0.1" });
    expect((await owner.post(`/connections/${connectionId}/test`)).body.ok).toBe(true);
    // An idle pool is closed, and the next use opens a new one.
    expect(await closeIdleConnectors(Date.now() + 1)).toBeGreaterThanOrEqual(1);
    expect((await query({ table: qualified("numbers"), limit: 1 })).status).toBe(200);
    const temporary = await owner.post("/connections", { workspaceId, name: "Temp", kind: engine.kind, url: fixture.url });
    expect((await owner.post(`/connections/${temporary.body.id}/test`)).body.ok).toBe(true);
    const open = openConnectorCount();
    expect((await owner.delete(`/connections/${temporary.body.id}`)).status).toBe(204);
    expect(openConnectorCount()).toBe(open - 1);
    expectErrorShape(await owner.get(`/connections/${temporary.body.id}`), 404);
  });

  test("every use is audited as connection.use, changes as connection.create/update/delete", async () => {
    const res = await owner.get(`/audit?workspaceId=${workspaceId}&limit=500`);
    const actions = res.body.entries.map((e: { action: string }) => e.action);
    for (const action of ["connection.create", "connection.update", "connection.delete", "connection.use"]) expect(actions).toContain(action);
    const uses = res.body.entries.filter((e: { action: string; resourceId: string }) => e.action === "connection.use" && e.resourceId === connectionId);
    expect(uses.map((e: { after: { operation: string } }) => e.after.operation)).toEqual(expect.arrayContaining(["test", "discover", "query"]));
    expect(uses.find((e: { after: { error?: string } }) => e.after.error === "query_timeout")).toBeDefined();
  });
});

/** Tessera's order of one key: empty cells last ascending, first descending. */
function byKey<T extends number | string>(a: T | null, b: T | null, dir: "asc" | "desc"): number {
  if (a === null || b === null) return a === b ? 0 : (a === null) === (dir === "asc") ? 1 : -1;
  const d = a < b ? -1 : a > b ? 1 : 0;
  return dir === "asc" ? d : -d;
}
