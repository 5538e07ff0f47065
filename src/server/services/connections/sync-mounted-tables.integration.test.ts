import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/server/db";
import { refreshStaleSchemas } from "@/server/services/connections/refresh-stale-schemas";
import { createExternalMysql, createExternalPg, externalPgUrl, mysqlUrl, skipNotice } from "@/test/external-databases";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

/**
 * A mounted table follows its database's schema: the external table is
 * altered behind Tessera's back, then a refresh (asked for, or the
 * scheduled one for schemas past their age) brings the fields in line, and
 * what was lost is reported, not dropped silently.
 */

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
type Fixture = { url: string; schema: string; run: (statement: string) => Promise<unknown>; drop: () => Promise<void> };

const engines = [
  {
    kind: "postgres" as const,
    adminUrl: externalPgUrl,
    variable: "TEST_EXTERNAL_PG_URL",
    setUp: async (adminUrl: string): Promise<Fixture> => {
      const db = await createExternalPg(adminUrl);
      return { url: db.url, schema: "public", run: (s) => db.sql.unsafe(s), drop: db.drop };
    },
    alter: ["alter table things add column colour text", "alter table things drop column note", "alter table things alter column size type text using size::text"],
  },
  {
    kind: "mysql" as const,
    adminUrl: mysqlUrl,
    variable: "TEST_MYSQL_URL",
    setUp: async (adminUrl: string): Promise<Fixture> => {
      const db = await createExternalMysql(adminUrl);
      return { url: db.url, schema: db.name, run: (s) => db.run(s), drop: db.drop };
    },
    alter: ["ALTER TABLE things ADD COLUMN colour VARCHAR(20)", "ALTER TABLE things DROP COLUMN note", "ALTER TABLE things MODIFY size VARCHAR(20)"],
  },
];

for (const engine of engines) if (!engine.adminUrl) skipNotice(engine.variable, `mounted ${engine.kind} schema refresh tests`);

describe.each(engines.filter((e) => e.adminUrl))("a mounted $kind table after its schema changes", (engine) => {
  let owner: Agent;
  let workspaceId: string;
  let fixture: Fixture;
  let connectionId: string;
  let tableId: string;

  beforeAll(async () => {
    fixture = await engine.setUp(engine.adminUrl!);
    await fixture.run("create table things (id integer primary key, name varchar(50), note varchar(50), size integer)");
    await fixture.run("insert into things (id, name, note, size) values (1, 'one', 'n1', 10), (2, 'two', 'n2', 20)");
    owner = await signedUpAgent("sync-owner");
    workspaceId = (await workspaceWith(owner.user)).id;
    const baseId = (await owner.post("/bases", { workspaceId, name: "B" })).body.id;
    connectionId = (await owner.post("/connections", { workspaceId, name: "Things", kind: engine.kind, url: fixture.url })).body.id;
    const mounted = await owner.post(`/connections/${connectionId}/tables`, { baseId, table: `${fixture.schema}.things` });
    expect(mounted.status, JSON.stringify(mounted.body)).toBe(201);
    tableId = mounted.body.id;
  });

  afterAll(async () => {
    if (connectionId) await owner.delete(`/connections/${connectionId}`);
    await fixture?.drop();
  });

  test("every use is a check: lastCheckedAt moves even when the status stays", async () => {
    const first = (await owner.get(`/connections/${connectionId}`)).body;
    expect(first.status).toBe("ok");
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await owner.get(`/tables/${tableId}/rows`)).status).toBe(200);
    const second = (await owner.get(`/connections/${connectionId}`)).body;
    expect(second.status).toBe("ok");
    expect(Date.parse(second.lastCheckedAt)).toBeGreaterThan(Date.parse(first.lastCheckedAt));
  });

  test("a refresh adds new columns as fields, reports dropped ones, retypes changed ones, and audits it", async () => {
    for (const statement of engine.alter) await fixture.run(statement);
    // Before the refresh the snapshot is stale: reading the dropped column is a conflict that says to refresh.
    const stale = await owner.get(`/tables/${tableId}/rows`);
    expectErrorShape(stale, 409);
    expect(stale.body.error).toMatchObject({ details: { reason: "schema_changed" } });
    expect(stale.body.error.message).toMatch(/refresh the schema/);

    expect((await owner.post(`/connections/${connectionId}/schema/refresh`)).status).toBe(200);
    const table = (await owner.get(`/tables/${tableId}`)).body;
    const types = Object.fromEntries(table.fields.map((f: { name: string; type: string }) => [f.name, f.type]));
    expect(types).toEqual({ id: "number", name: "text", note: "text", size: "text", colour: "text" });
    expect(table.external.droppedColumns).toEqual(["note"]);

    const rows = await owner.get(`/tables/${tableId}/rows`);
    expect(rows.status, JSON.stringify(rows.body)).toBe(200);
    expect(rows.body.rows.map((r: { fields: Record<string, unknown> }) => r.fields)).toEqual([
      { id: 1, name: "one", size: "10", colour: null },
      { id: 2, name: "two", size: "20", colour: null },
    ]);
    // The new field is writable like the others.
    const written = await owner.patch(`/tables/${tableId}/rows`, { rows: [{ id: rows.body.rows[0].id, fields: { colour: "red" } }] });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    expect(written.body.rows[0].fields.colour).toBe("red");

    const audit = await owner.get(`/audit?workspaceId=${workspaceId}&action=table.sync&resourceId=${tableId}`);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0].after).toMatchObject({ added: ["colour"], dropped: ["note"], retyped: [{ column: "size", from: "number", to: "text" }], missing: false });
    // A second refresh with nothing new changes nothing.
    await owner.post(`/connections/${connectionId}/schema/refresh`);
    expect((await owner.get(`/audit?workspaceId=${workspaceId}&action=table.sync&resourceId=${tableId}`)).body.entries).toHaveLength(1);
  });

  test("the scheduled refresh takes the schemas past their age; a table that vanished is reported missing", async () => {
    await fixture.run("drop table things");
    const db = await getDb();
    expect(await refreshStaleSchemas(db, { olderThan: new Date(Date.now() - 60_000) })).toMatchObject({ refreshed: 0 });
    const result = await refreshStaleSchemas(db, { olderThan: new Date(Date.now() + 1000) });
    expect(result.refreshed).toBeGreaterThanOrEqual(1);
    expect((await owner.get(`/tables/${tableId}`)).body.external.missing).toBe(true);
    const res = await owner.get(`/tables/${tableId}/rows`);
    expectErrorShape(res, 404);
    expect(res.body.error.message).toMatch(/was not found in the external database/);
  });
});
