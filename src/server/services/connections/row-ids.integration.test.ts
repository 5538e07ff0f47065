import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createExternalMysql, createExternalPg, externalPgUrl, mysqlUrl, skipNotice } from "@/test/external-databases";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

/**
 * Row ids of mounted tables: a bigint key past 2^53 round-trips exactly (as
 * a string) through ids, reads, filters and writes; and a reader from whom
 * a field rule hides a key column gets sealed ids that neither show it nor
 * let them address rows by a key they guess.
 */

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
type Fixture = { url: string; schema: string; names: () => Promise<Record<string, string>>; seatName: (org: number, seat: number) => Promise<string>; drop: () => Promise<void> };

const big = "9007199254740993"; // 2^53 + 1: a double would read it as ...992
const bigger = "9007199254740995";

const engines = [
  {
    kind: "postgres" as const,
    adminUrl: externalPgUrl,
    variable: "TEST_EXTERNAL_PG_URL",
    setUp: async (adminUrl: string): Promise<Fixture> => {
      const db = await createExternalPg(adminUrl);
      await db.sql`create table accounts (id bigint primary key, name text not null)`;
      await db.sql.unsafe(`insert into accounts values (${big}, 'big'), (9007199254740992, 'neighbour'), (7, 'small')`);
      await db.sql`create table seats (org integer, seat integer, name text not null, primary key (org, seat))`;
      await db.sql`insert into seats values (1, 1, 'ann'), (1, 2, 'bob'), (2, 1, 'cy')`;
      return {
        url: db.url,
        schema: "public",
        names: async () => Object.fromEntries((await db.sql`select id::text as id, name from accounts`).map((r) => [r.id, r.name])),
        seatName: async (org, seat) => (await db.sql`select name from seats where org = ${org} and seat = ${seat}`)[0]!.name,
        drop: db.drop,
      };
    },
  },
  {
    kind: "mysql" as const,
    adminUrl: mysqlUrl,
    variable: "TEST_MYSQL_URL",
    setUp: async (adminUrl: string): Promise<Fixture> => {
      const db = await createExternalMysql(adminUrl);
      await db.run("CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL)");
      await db.run(`INSERT INTO accounts VALUES (${big}, 'big'), (9007199254740992, 'neighbour'), (7, 'small')`);
      await db.run("CREATE TABLE seats (org INT, seat INT, name VARCHAR(50) NOT NULL, PRIMARY KEY (org, seat))");
      await db.run("INSERT INTO seats VALUES (1, 1, 'ann'), (1, 2, 'bob'), (2, 1, 'cy')");
      return {
        url: db.url,
        schema: db.name,
        names: async () => Object.fromEntries(((await db.run("SELECT CAST(id AS CHAR) AS id, name FROM accounts")) as Array<{ id: string; name: string }>).map((r) => [r.id, r.name])),
        seatName: async (org, seat) => ((await db.run(`SELECT name FROM seats WHERE org = ${org} AND seat = ${seat}`)) as Array<{ name: string }>)[0]!.name,
        drop: db.drop,
      };
    },
  },
];

for (const engine of engines) if (!engine.adminUrl) skipNotice(engine.variable, `mounted ${engine.kind} row id tests`);

const clearId = (...key: unknown[]) => Buffer.from(JSON.stringify(key)).toString("base64url");

describe.each(engines.filter((e) => e.adminUrl))("row ids of a mounted $kind table", (engine) => {
  let owner: Agent;
  let editor: Agent;
  let fixture: Fixture;
  let connectionId: string;
  let tableId: string;
  let seatsId: string;
  let seatField: string;

  beforeAll(async () => {
    fixture = await engine.setUp(engine.adminUrl!);
    [owner, editor] = await Promise.all([signedUpAgent("ids-owner"), signedUpAgent("ids-editor")]);
    const workspaceId = (await workspaceWith(owner.user, [[editor.user, "editor"]])).id;
    const baseId = (await owner.post("/bases", { workspaceId, name: "B" })).body.id;
    connectionId = (await owner.post("/connections", { workspaceId, name: "Accounts", kind: engine.kind, url: fixture.url })).body.id;
    const mounted = await owner.post(`/connections/${connectionId}/tables`, { baseId, table: `${fixture.schema}.accounts` });
    expect(mounted.status, JSON.stringify(mounted.body)).toBe(201);
    tableId = mounted.body.id;
    const seats = await owner.post(`/connections/${connectionId}/tables`, { baseId, table: `${fixture.schema}.seats` });
    expect(seats.status, JSON.stringify(seats.body)).toBe(201);
    seatsId = seats.body.id;
    seatField = seats.body.fields.find((f: { name: string }) => f.name === "seat").id;
  });

  afterAll(async () => {
    if (connectionId) await owner.delete(`/connections/${connectionId}`);
    await fixture?.drop();
  });

  test("a key past 2^53 reads, filters, updates, creates and deletes exactly", async () => {
    const rows = (await editor.get(`/tables/${tableId}/rows?sort=${encodeURIComponent('[{"field":"id","dir":"desc"}]')}`)).body.rows;
    expect(rows.map((r: { id: string; fields: { id: unknown } }) => [r.id, r.fields.id])).toEqual([
      [clearId(big), big],
      // 2^53 itself is past the exact range too (2^53 + 1 would read as it).
      [clearId("9007199254740992"), "9007199254740992"],
      [clearId(7), 7],
    ]);
    const one = await editor.get(`/tables/${tableId}/rows/${clearId(big)}`);
    expect(one.body.fields).toEqual({ id: big, name: "big" });
    const filtered = await editor.get(`/tables/${tableId}/rows?filter=${encodeURIComponent(JSON.stringify({ field: "id", op: "eq", value: big }))}`);
    expect(filtered.body.rows.map((r: { fields: { name: string } }) => r.fields.name)).toEqual(["big"]);

    const updated = await editor.patch(`/tables/${tableId}/rows/${clearId(big)}`, { fields: { name: "renamed" }, expected: { name: "big" } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect((await fixture.names())[big]).toBe("renamed");
    expect((await fixture.names())["9007199254740992"]).toBe("neighbour");

    const created = await editor.post(`/tables/${tableId}/rows`, { rows: [{ fields: { id: bigger, name: "new" } }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.rows[0]).toMatchObject({ id: clearId(bigger), fields: { id: bigger } });
    expect((await fixture.names())[bigger]).toBe("new");
    expect((await editor.delete(`/tables/${tableId}/rows`, { ids: [clearId(bigger)] })).body).toEqual({ deleted: 1 });
    expect((await fixture.names())[bigger]).toBeUndefined();
  });

  test("a reader a key column is hidden from gets sealed ids, which work; ids showing the key do not", async () => {
    // The primary field (org, the key's first column) cannot be hidden; the key's second column can.
    expect((await owner.put(`/tables/${seatsId}/rules`, { fields: { [seatField]: { editor: "hidden" } }, rows: {} })).status).toBe(200);
    try {
      const rows = (await editor.get(`/tables/${seatsId}/rows`)).body.rows as Array<{ id: string; fields: Record<string, unknown> }>;
      expect(rows.map((r) => r.fields)).toEqual([
        { org: 1, name: "ann" },
        { org: 1, name: "bob" },
        { org: 2, name: "cy" },
      ]);
      for (const row of rows) expect(row.id).toMatch(/^s1\./);
      // Stable: the same row has the same id on every read.
      expect((await editor.get(`/tables/${seatsId}/rows`)).body.rows.map((r: { id: string }) => r.id)).toEqual(rows.map((r) => r.id));
      const bob = rows[1]!;
      expect((await editor.get(`/tables/${seatsId}/rows/${bob.id}`)).body.fields).toEqual({ org: 1, name: "bob" });
      const written = await editor.patch(`/tables/${seatsId}/rows/${bob.id}`, { fields: { name: "rob" } });
      expect(written.status, JSON.stringify(written.body)).toBe(200);
      expect(written.body.id).toBe(bob.id);
      expect(await fixture.seatName(1, 2)).toBe("rob");
      // Guessing a key in the clear finds nothing, nor does a made-up sealed id; another table's sealed id does not open here.
      expectErrorShape(await editor.get(`/tables/${seatsId}/rows/${clearId(1, 2)}`), 404);
      expectErrorShape(await editor.patch(`/tables/${seatsId}/rows/${clearId(1, 2)}`, { fields: { name: "x" } }), 404);
      expectErrorShape(await editor.get(`/tables/${seatsId}/rows/s1.${"A".repeat(40)}`), 404);
      expect(await fixture.seatName(1, 2)).toBe("rob");
      // The owner, who sees the whole key, keeps ids in the clear.
      expect((await owner.get(`/tables/${seatsId}/rows/${clearId(1, 2)}`)).body.fields.name).toBe("rob");
    } finally {
      await owner.put(`/tables/${seatsId}/rules`, { fields: {}, rows: {} });
    }
  });
});
