import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { workspaceWith } from "@/test/fixtures";
import { createExternalMysql, createExternalPg, externalPgUrl, mysqlUrl, skipNotice } from "@/test/external-databases";
import { type Customer, fixtureData, seedMysql, seedPostgres } from "@/test/external-fixture";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

/**
 * A mounted external table through the ordinary table, row, view and audit
 * endpoints, against the machine's real PostgreSQL and MariaDB (fixture
 * databases created and dropped by the run). What was written is checked in
 * the external database itself.
 */

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
type Fixture = { url: string; schema: string; drop: () => Promise<void>; balanceOf: (id: number) => Promise<number | null>; exists: (id: number) => Promise<boolean> };
type Engine = { kind: "postgres" | "mysql"; adminUrl: string | undefined; variable: string; setUp: (adminUrl: string) => Promise<Fixture> };

const data = fixtureData();

const engines: Engine[] = [
  {
    kind: "postgres",
    adminUrl: externalPgUrl,
    variable: "TEST_EXTERNAL_PG_URL",
    setUp: async (adminUrl) => {
      const db = await createExternalPg(adminUrl);
      await seedPostgres(db, data);
      return {
        url: db.url,
        schema: "public",
        drop: db.drop,
        balanceOf: async (id) => {
          const [row] = await db.sql`select balance::float8 as b from customers where id = ${id}`;
          return row ? (row.b as number | null) : null;
        },
        exists: async (id) => (await db.sql`select 1 from customers where id = ${id}`).length > 0,
      };
    },
  },
  {
    kind: "mysql",
    adminUrl: mysqlUrl,
    variable: "TEST_MYSQL_URL",
    setUp: async (adminUrl) => {
      const db = await createExternalMysql(adminUrl);
      await seedMysql(db, data);
      const rows = async (id: number) => (await db.run("SELECT CAST(balance AS DOUBLE) AS b FROM customers WHERE id = ?", [id])) as Array<{ b: number | null }>;
      return {
        url: db.url,
        schema: db.name,
        drop: db.drop,
        balanceOf: async (id) => (await rows(id))[0]?.b ?? null,
        exists: async (id) => (await rows(id)).length > 0,
      };
    },
  },
];

for (const engine of engines) if (!engine.adminUrl) skipNotice(engine.variable, `mounted ${engine.kind} table tests`);

const byId = (a: Customer, b: Customer) => a.id - b.id;

describe.each(engines.filter((e) => e.adminUrl))("mounted $kind table", (engine) => {
  let owner: Agent;
  let editor: Agent;
  let viewer: Agent;
  let workspaceId: string;
  let baseId: string;
  let fixture: Fixture;
  let connectionId: string;
  let tableId: string;
  let fieldIds: Record<string, string>;
  const rowId = (id: number) => Buffer.from(JSON.stringify([id])).toString("base64url");

  async function allPages(agent: Agent, path: string) {
    const rows: Array<{ id: string; fields: Record<string, unknown> }> = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await agent.get(`${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      rows.push(...res.body.rows);
      if (!res.body.nextCursor) return rows;
      cursor = res.body.nextCursor;
    }
    throw new Error("too many pages");
  }

  beforeAll(async () => {
    fixture = await engine.setUp(engine.adminUrl!);
    [owner, editor, viewer] = await Promise.all([signedUpAgent("owner"), signedUpAgent("editor"), signedUpAgent("viewer")]);
    workspaceId = (await workspaceWith(owner.user, [[editor.user, "editor"], [viewer.user, "viewer"]])).id;
    baseId = (await owner.post("/bases", { workspaceId, name: "Shop" })).body.id;
    const created = await owner.post("/connections", { workspaceId, name: "Shop db", kind: engine.kind, url: fixture.url });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    connectionId = created.body.id;
    const mounted = await owner.post(`/connections/${connectionId}/tables`, { baseId, table: `${fixture.schema}.customers` });
    expect(mounted.status, JSON.stringify(mounted.body)).toBe(201);
    tableId = mounted.body.id;
    fieldIds = Object.fromEntries(mounted.body.fields.map((f: { id: string; name: string }) => [f.name, f.id]));
  });

  afterAll(async () => {
    if (connectionId) await owner.delete(`/connections/${connectionId}`);
    await fixture?.drop();
  });

  test("mounting: a table in the base with a field per column, typed from discovery; only admins mount", async () => {
    const table = await viewer.get(`/tables/${tableId}`);
    expect(table.status).toBe(200);
    expect(table.body).toMatchObject({
      id: tableId,
      baseId,
      name: "customers",
      primaryFieldId: fieldIds.id,
      external: { connectionId, table: `${fixture.schema}.customers`, primaryKey: ["id"] },
    });
    expect(table.body.fields.map((f: { name: string; type: string }) => [f.name, f.type])).toEqual([
      ["id", "number"],
      ["name", "text"],
      ["email", "text"],
      ["country", "text"],
      ["vip", "boolean"],
      ["joined_on", "date"],
      ["created_at", "datetime"],
      ["balance", "number"],
    ]);
    expect(table.body.fields.find((f: { name: string }) => f.name === "balance").options).toEqual({ precision: 2 });
    expect((await owner.get(`/tables?baseId=${baseId}`)).body.tables.map((t: { id: string }) => t.id)).toContain(tableId);
    expectErrorShape(await editor.post(`/connections/${connectionId}/tables`, { baseId, table: "customers" }), 403);
    expectErrorShape(await owner.post(`/connections/${connectionId}/tables`, { baseId, table: "nope" }), 404);
  });

  test("rows: the same values, filters and sorts, across cursor pages; ids encode the primary key", async () => {
    const all = await allPages(viewer, `/tables/${tableId}/rows?limit=50`);
    expect(all.map((r) => r.fields)).toEqual([...data.customers].sort(byId));
    expect(all[0]!.id).toBe(rowId(1));

    const filter = JSON.stringify({ and: [{ field: "country", op: "eq", value: "FR" }, { field: "balance", op: "gt", value: 0 }] });
    const sort = JSON.stringify([{ field: "balance", dir: "desc" }]);
    const rows = await allPages(viewer, `/tables/${tableId}/rows?limit=4&filter=${encodeURIComponent(filter)}&sort=${encodeURIComponent(sort)}&fields=${encodeURIComponent('["name","balance"]')}`);
    const expected = data.customers
      .filter((c) => c.country === "FR" && c.balance !== null && c.balance > 0)
      .sort((a, b) => b.balance! - a.balance! || a.id - b.id)
      .map((c) => ({ name: c.name, balance: c.balance }));
    expect(expected.length).toBeGreaterThan(4);
    expect(rows.map((r) => r.fields)).toEqual(expected);

    const one = await viewer.get(`/tables/${tableId}/rows/${rowId(7)}?fieldKey=id`);
    expect(one.status).toBe(200);
    expect(one.body.fields[fieldIds.name!]).toBe(data.customers[6]!.name);
    expectErrorShape(await viewer.get(`/tables/${tableId}/rows/not-a-key`), 404);
    expectErrorShape(await viewer.get(`/tables/${tableId}/rows?filter=${encodeURIComponent('{"field":"nope","op":"eq","value":1}')}`), 400);
  });

  test("aggregates: the database groups and counts, in the rows' order, under the reader's row rule", async () => {
    const countries = ["DE", "FR", "JP", "US", null];
    const expected = countries.map((country) => {
      const group = data.customers.filter((c) => c.country === country);
      const balances = group.map((c) => c.balance).filter((b): b is number => b !== null);
      return { country, n: group.length, total: balances.reduce((a, b) => a + b, 0), latest: group.map((c) => c.joined_on).filter(Boolean).sort().at(-1) ?? null };
    });
    const body = {
      groupBy: ["country"],
      aggregates: [
        { fn: "count", as: "n" },
        { fn: "sum", field: "balance", as: "total" },
        { fn: "max", field: "joined_on", as: "latest" },
      ],
    };
    const res = await viewer.post(`/tables/${tableId}/aggregate`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.groups.map((g: { key: { country: string | null } }) => g.key.country)).toEqual(countries);
    res.body.groups.forEach((g: { values: { n: number; total: number; latest: string | null } }, i: number) => {
      expect(g.values.n).toBe(expected[i]!.n);
      expect(g.values.total).toBeCloseTo(expected[i]!.total, 6);
      expect(g.values.latest).toBe(expected[i]!.latest);
    });
    expectErrorShape(await viewer.post(`/tables/${tableId}/aggregate`, { aggregates: [{ fn: "sum", field: "name", as: "x" }] }), 400);

    const set = await owner.put(`/tables/${tableId}/rules`, { fields: {}, rows: { viewer: { field: "country", op: "eq", value: "JP" } } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    try {
      const narrowed = await viewer.post(`/tables/${tableId}/aggregate`, body);
      expect(narrowed.body.groups.map((g: { key: { country: string } }) => g.key.country)).toEqual(["JP"]);
      expect(narrowed.body.groups[0].values.n).toBe(expected[2]!.n);
    } finally {
      await owner.put(`/tables/${tableId}/rules`, { fields: {}, rows: {} });
    }
  });

  test("a kanban view stacked by a text column: a stack per value, then the empty one, with counts and first cards", async () => {
    const view = await editor.post("/views", { tableId, name: "By country", type: "kanban", config: { stackFieldId: fieldIds.country }, sort: [{ field: "id", dir: "desc" }] });
    expect(view.status, JSON.stringify(view.body)).toBe(201);
    const res = await viewer.get(`/views/${view.body.id}/data?groups=1&limit=3`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const countries = ["DE", "FR", "JP", "US", null];
    expect(res.body.groups.map((g: { key: string | null }) => g.key)).toEqual(countries);
    res.body.groups.forEach((g: { count: number; rows: Array<{ fields: { id: number } }> }, i: number) => {
      const stack = data.customers.filter((c) => c.country === countries[i]).sort((a, b) => b.id - a.id);
      expect(g.count).toBe(stack.length);
      expect(g.rows.map((r) => r.fields.id)).toEqual(stack.slice(0, 3).map((c) => c.id));
    });
    const numberStack = await editor.post("/views", { tableId, name: "Bad", type: "kanban", config: { stackFieldId: fieldIds.balance } });
    expectErrorShape(numberStack, 400);
  });

  test("a CSV export reads every page", async () => {
    const res = await viewer.getText(`/tables/${tableId}/export?fields=${encodeURIComponent('["id","name"]')}`);
    expect(res.status).toBe(200);
    const lines = res.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe("id,name");
    expect(lines).toHaveLength(data.customers.length + 1);
  });

  test("search is contains on the text fields", async () => {
    const res = await viewer.get(`/tables/${tableId}/rows?limit=500&search=${encodeURIComponent("Zoë")}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows.map((r: { fields: { id: number } }) => r.fields.id)).toEqual(data.customers.filter((c) => c.name.includes("Zoë")).map((c) => c.id));
  });

  test("a view with a filter and a sort reads its rows, with request-time filters narrowing", async () => {
    const view = await editor.post("/views", {
      tableId,
      name: "Rich",
      type: "grid",
      filter: { field: "balance", op: "gte", value: 5000 },
      sort: [{ field: "joined_on", dir: "desc" }],
      hiddenFields: [fieldIds.email],
    });
    expect(view.status, JSON.stringify(view.body)).toBe(201);
    const rows = await allPages(viewer, `/views/${view.body.id}/data?limit=3&filter=${encodeURIComponent('{"field":"vip","op":"eq","value":true}')}`);
    // Descending: empty values first (they sort last ascending), ties by the key in the same direction.
    const expected = data.customers
      .filter((c) => c.balance !== null && c.balance >= 5000 && c.vip)
      .sort((a, b) => (a.joined_on === b.joined_on ? b.id - a.id : a.joined_on === null ? -1 : b.joined_on === null ? 1 : a.joined_on < b.joined_on ? 1 : -1));
    expect(rows.map((r) => r.fields.id)).toEqual(expected.map((c) => c.id));
    expect(rows.every((r) => !("email" in r.fields))).toBe(true);
  });

  test("a field rule hides a column and a row rule narrows the rows: the viewer never sees them", async () => {
    const rules = { fields: { [fieldIds.balance!]: { viewer: "hidden" } }, rows: { viewer: { field: "country", op: "eq", value: "JP" } } };
    const set = await owner.put(`/tables/${tableId}/rules`, rules);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    try {
      const seen = await allPages(viewer, `/tables/${tableId}/rows?limit=100`);
      expect(seen.map((r) => r.fields.id)).toEqual(data.customers.filter((c) => c.country === "JP").map((c) => c.id));
      expect(seen.every((r) => !("balance" in r.fields))).toBe(true);
      expect((await viewer.get(`/tables/${tableId}`)).body.fields.map((f: { name: string }) => f.name)).not.toContain("balance");
      expectErrorShape(await viewer.get(`/tables/${tableId}/rows?filter=${encodeURIComponent('{"field":"balance","op":"gt","value":0}')}`), 400);
      const outside = data.customers.find((c) => c.country !== "JP")!;
      expectErrorShape(await viewer.get(`/tables/${tableId}/rows/${rowId(outside.id)}`), 404);
      // The owner sets the rules and is not held to them.
      expect((await owner.get(`/tables/${tableId}/rows?limit=500`)).body.rows).toHaveLength(data.customers.length);
    } finally {
      await owner.put(`/tables/${tableId}/rules`, { fields: {}, rows: {} });
    }
  });

  test("an editor's row rule limits what they write: outside rows are not found, a change leaving the rule is refused and rolled back", async () => {
    const set = await owner.put(`/tables/${tableId}/rules`, { fields: {}, rows: { editor: { field: "country", op: "eq", value: "JP" } } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    try {
      const inside = data.customers.find((c) => c.country === "JP" && c.balance !== null)!;
      const outside = data.customers.find((c) => c.country === "FR")!;
      expectErrorShape(await editor.patch(`/tables/${tableId}/rows/${rowId(outside.id)}`, { fields: { name: "x" } }), 404);
      const leaving = await editor.patch(`/tables/${tableId}/rows/${rowId(inside.id)}`, { fields: { country: "FR", balance: 1 } });
      expectErrorShape(leaving, 403);
      expect(await fixture.balanceOf(inside.id)).toBe(inside.balance);
      expectErrorShape(await editor.post(`/tables/${tableId}/rows`, { rows: [{ fields: { id: 9100, name: "x", vip: true, country: "DE" } }] }), 403);
      expect(await fixture.exists(9100)).toBe(false);
    } finally {
      await owner.put(`/tables/${tableId}/rules`, { fields: {}, rows: {} });
    }
  });

  test("update with expected: applied, then a stale expected is a 409 with the current row; audited with before and after", async () => {
    const target = data.customers.find((c) => c.balance !== null)!;
    const ok = await editor.patch(`/tables/${tableId}/rows/${rowId(target.id)}`, { fields: { balance: 123.45 }, expected: { balance: target.balance } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.fields.balance).toBe(123.45);
    expect(await fixture.balanceOf(target.id)).toBe(123.45);

    const stale = await editor.patch(`/tables/${tableId}/rows`, { rows: [{ id: rowId(target.id), fields: { balance: 1 }, expected: { balance: target.balance } }] });
    expectErrorShape(stale, 409);
    expect(stale.body.error.details.rows[0]).toMatchObject({ id: rowId(target.id), fields: { balance: 123.45 } });
    expect(await fixture.balanceOf(target.id)).toBe(123.45);
    // A different cell's expected does not conflict.
    const other = await editor.patch(`/tables/${tableId}/rows/${rowId(target.id)}`, { fields: { country: "DE" }, expected: { name: target.name } });
    expect(other.status, JSON.stringify(other.body)).toBe(200);

    const audit = await owner.get(`/audit?workspaceId=${workspaceId}&action=row.update&resourceId=${encodeURIComponent(`${tableId}:${rowId(target.id)}`)}`);
    const entry = audit.body.entries.find((e: { after: Record<string, unknown> }) => fieldIds.balance! in e.after);
    expect(entry).toMatchObject({ userId: editor.user.id, before: { [fieldIds.balance!]: target.balance }, after: { [fieldIds.balance!]: 123.45 } });

    // Revert: the before value is back in the external database; reverting again is superseded.
    const reverted = await owner.post(`/audit/${entry.id}/revert`);
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
    expect(await fixture.balanceOf(target.id)).toBe(target.balance);
    expectErrorShape(await owner.post(`/audit/${entry.id}/revert`), 409);

    const uses = await owner.get(`/audit?workspaceId=${workspaceId}&action=connection.use&limit=200`);
    expect(uses.body.entries.some((e: { after: { operation: string } }) => e.after.operation === "write")).toBe(true);
    expect(JSON.stringify(uses.body)).not.toMatch(/password/i);
  });

  test("create and delete a row, each audited; reverting the delete writes the row back", async () => {
    const created = await editor.post(`/tables/${tableId}/rows`, { rows: [{ fields: { id: 9001, name: "Nouveau", vip: false, created_at: "2025-03-04T05:06:07.000Z" } }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.rows[0]).toMatchObject({ id: rowId(9001), fields: { name: "Nouveau", vip: false, created_at: "2025-03-04T05:06:07.000Z", balance: null } });
    expect(await fixture.exists(9001)).toBe(true);
    expectErrorShape(await editor.post(`/tables/${tableId}/rows`, { rows: [{ fields: { id: 9002, vip: "maybe" } }] }), 400);
    // What the database itself refuses: a key taken (409), a NOT NULL column left empty (400).
    expectErrorShape(await editor.post(`/tables/${tableId}/rows`, { rows: [{ fields: { id: 1, name: "Dup", vip: true } }] }), 409);
    const missingName = await editor.post(`/tables/${tableId}/rows`, { rows: [{ fields: { id: 9005, vip: true } }] });
    expectErrorShape(missingName, 400);
    expect(await fixture.exists(9005)).toBe(false);
    expectErrorShape(await viewer.post(`/tables/${tableId}/rows`, { rows: [{ fields: { id: 9003, name: "x", vip: true } }] }), 403);
    expectErrorShape(await editor.patch(`/tables/${tableId}/rows/${rowId(9001)}`, { fields: { id: 9004 } }), 400);

    const deleted = await editor.delete(`/tables/${tableId}/rows`, { ids: [rowId(9001), rowId(424242)] });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body).toEqual({ deleted: 1 });
    expect(await fixture.exists(9001)).toBe(false);

    const entries = (await owner.get(`/audit?workspaceId=${workspaceId}&resourceId=${encodeURIComponent(`${tableId}:${rowId(9001)}`)}`)).body.entries;
    expect(entries.map((e: { action: string }) => e.action).sort()).toEqual(["row.create", "row.delete"]);
    const deletion = entries.find((e: { action: string }) => e.action === "row.delete");
    expect(deletion.before).toMatchObject({ [fieldIds.name!]: "Nouveau", [fieldIds.id!]: 9001 });
    expect((await owner.post(`/audit/${deletion.id}/revert`)).status).toBe(200);
    expect(await fixture.exists(9001)).toBe(true);
  });

  test("a table without a primary key is read-only and pages by offset", async () => {
    const mounted = await owner.post(`/connections/${connectionId}/tables`, { baseId, table: `${fixture.schema}.big_orders` });
    expect(mounted.status, JSON.stringify(mounted.body)).toBe(201);
    const rows = await allPages(viewer, `/tables/${mounted.body.id}/rows?limit=40`);
    expect(rows).toHaveLength(data.orders.filter((o) => o.total !== null && o.total > 100).length);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const refused = await owner.post(`/tables/${mounted.body.id}/rows`, { rows: [{ fields: { note: "x" } }] });
    expectErrorShape(refused, 400);
    expect(refused.body.error.message).toMatch(/no primary key/);
    expectErrorShape(await owner.patch(`/tables/${mounted.body.id}/rows`, { rows: [{ id: rows[0]!.id, fields: { note: "x" } }] }), 400);
  });

  test("a read-only connection refuses writes", async () => {
    const readOnly = await owner.post("/connections", { workspaceId, name: "Read only", kind: engine.kind, url: fixture.url, readOnly: true });
    const mounted = await owner.post(`/connections/${readOnly.body.id}/tables`, { baseId, table: `${fixture.schema}.customers` });
    expect(mounted.status).toBe(201);
    const refused = await owner.patch(`/tables/${mounted.body.id}/rows/${rowId(1)}`, { fields: { name: "x" } });
    expectErrorShape(refused, 403);
    expect(refused.body.error.message).toMatch(/read-only/);
    expect((await owner.get(`/tables/${mounted.body.id}/rows?limit=1`)).status).toBe(200);
    // Deleting the connection removes the tables mounted from it.
    expect((await owner.delete(`/connections/${readOnly.body.id}`)).status).toBe(204);
    expectErrorShape(await owner.get(`/tables/${mounted.body.id}`), 404);
  });

  test("internal-only features answer 400", async () => {
    for (const res of [
      await owner.post(`/tables/${tableId}/fields`, { name: "Extra", type: "text" }),
      await owner.patch(`/tables/${tableId}/fields/${fieldIds.name}`, { name: "Renamed" }),
      await owner.delete(`/tables/${tableId}/fields/${fieldIds.name}`),
      await owner.upload(`/tables/${tableId}/import`, "name\nAnn\n"),
      await owner.get(`/tables/${tableId}/trash`),
    ]) {
      expectErrorShape(res, 400);
      expect(res.body.error.message).toMatch(/not available on an external table/);
    }
    // Cards of an external table follow the view's sort: there is no manual order to write.
    const [view] = (await owner.get(`/views?tableId=${tableId}`)).body.views;
    const ordered = await editor.post(`/views/${view.id}/order`, { rowId: rowId(1), after: null });
    expectErrorShape(ordered, 400);
    expect(ordered.body.error).toMatchObject({ message: expect.stringMatching(/external table/), details: { reason: "external_table" } });
    const other = await owner.post("/tables", { baseId, name: "Internal", fields: [{ name: "Name", type: "text" }] });
    const link = await owner.post(`/tables/${other.body.id}/fields`, { name: "Customer", type: "link", options: { tableId } });
    expectErrorShape(link, 400);
  });
});
