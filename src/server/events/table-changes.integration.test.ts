import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { workspaceWith } from "@/test/fixtures";
import { createExternalPg, type ExternalPg, externalPgUrl, skipNotice } from "@/test/external-databases";
import { signedUpAgent } from "@/test/rest-agent";
import { onTableChange, type TableChange } from "./table-changes";

/**
 * Every write path announces which rows it touched (what realtime sends to
 * open grids): ids, the changed fields' ids and the new versions, never a
 * value. Driven through the REST API, as a script would.
 */

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let workspaceId: string;
let baseId: string;
let heard: TableChange[] = [];
let stop: () => void;

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  workspaceId = (await workspaceWith(owner.user)).id;
  baseId = (await owner.post("/bases", { workspaceId, name: "Base" })).body.id;
  stop = onTableChange((change) => void heard.push(change));
});
afterAll(() => stop());
beforeEach(() => {
  heard = [];
});

const about = (tableId: string) => heard.filter((c) => c.tableId === tableId);

async function table(fields: unknown[] = [{ name: "Name", type: "text" }, { name: "N", type: "number" }]) {
  const res = await owner.post("/tables", { baseId, name: `T ${Math.random()}`, fields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const ids = Object.fromEntries(res.body.fields.map((f: { id: string; name: string }) => [f.name, f.id])) as Record<string, string>;
  return { id: res.body.id as string, fields: ids };
}

async function lastEntry(action: string, resourceId: string) {
  const res = await owner.get(`/audit?${new URLSearchParams({ workspaceId, action, resourceId })}`);
  return res.body.entries[0].id as string;
}

describe("row writes announce the rows they touched", () => {
  // The announcements are compared whole: ids, field ids and versions are all they hold, never a value written.
  test("create, update and delete through REST: ids, changed fields and versions, no values", async () => {
    const t = await table();
    const created = await owner.post(`/tables/${t.id}/rows`, { rows: [{ fields: { Name: "a" } }, { fields: { Name: "b" } }] });
    const [a, b] = created.body.rows as Array<{ id: string; version: number }>;
    expect(about(t.id)).toEqual([{ workspaceId, tableId: t.id, kind: "rows", rows: { created: [a!.id, b!.id], updated: [], deleted: [] } }]);

    heard = [];
    const updated = await owner.patch(`/tables/${t.id}/rows`, { rows: [{ id: a!.id, fields: { N: 5 } }, { id: b!.id, fields: { Name: "B", N: 6 } }] });
    expect(updated.status).toBe(200);
    expect(about(t.id)).toEqual([
      {
        workspaceId,
        tableId: t.id,
        kind: "rows",
        rows: {
          created: [],
          updated: [
            { id: a!.id, version: a!.version + 1, fields: [t.fields.N] },
            { id: b!.id, version: b!.version + 1, fields: [t.fields.Name, t.fields.N] },
          ],
          deleted: [],
        },
      },
    ]);

    heard = [];
    await owner.delete(`/tables/${t.id}/rows`, { ids: [b!.id, "999999"] });
    expect(about(t.id).map((c) => c.rows)).toEqual([{ created: [], updated: [], deleted: [b!.id] }]);
    // Nothing deleted: nothing announced.
    heard = [];
    await owner.delete(`/tables/${t.id}/rows`, { ids: [b!.id] });
    expect(about(t.id)).toEqual([]);
  });

  test("reverting a change announces it like the write it makes (update, restore from the trash, delete)", async () => {
    const t = await table();
    const row = (await owner.post(`/tables/${t.id}/rows`, { rows: [{ fields: { Name: "x", N: 1 } }] })).body.rows[0] as { id: string; version: number };
    await owner.patch(`/tables/${t.id}/rows/${row.id}`, { fields: { N: 2 } });
    const resourceId = `${t.id}:${row.id}`;

    heard = [];
    expect((await owner.post(`/audit/${await lastEntry("row.update", resourceId)}/revert`)).status).toBe(200);
    expect(about(t.id).map((c) => c.rows)).toEqual([{ created: [], updated: [{ id: row.id, version: row.version + 2, fields: [t.fields.N] }], deleted: [] }]);

    await owner.delete(`/tables/${t.id}/rows/${row.id}`);
    heard = [];
    expect((await owner.post(`/audit/${await lastEntry("row.delete", resourceId)}/revert`)).status).toBe(200);
    // Back from the trash: to an open grid, a row that appears.
    expect(about(t.id).map((c) => c.rows)).toEqual([{ created: [row.id], updated: [], deleted: [] }]);

    heard = [];
    expect((await owner.post(`/audit/${await lastEntry("row.create", resourceId)}/revert`)).status).toBe(200);
    expect(about(t.id).map((c) => c.rows)).toEqual([{ created: [], updated: [], deleted: [row.id] }]);
  });

  test("a link write names the rows of its own table; the linked table hears that its rows changed, to read them again", async () => {
    const people = await table([{ name: "Name", type: "text" }]);
    const tasks = await table([{ name: "Title", type: "text" }]);
    const link = await owner.post(`/tables/${tasks.id}/fields`, { name: "Owner", type: "link", options: { tableId: people.id, multiple: false } });
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    const person = (await owner.post(`/tables/${people.id}/rows`, { rows: [{ fields: { Name: "Ada" } }] })).body.rows[0];
    const task = (await owner.post(`/tables/${tasks.id}/rows`, { rows: [{ fields: { Title: "t" } }] })).body.rows[0];

    heard = [];
    expect((await owner.patch(`/tables/${tasks.id}/rows/${task.id}`, { fields: { Owner: [person.id] } })).status).toBe(200);
    expect(about(tasks.id).map((c) => c.rows)).toEqual([{ created: [], updated: [{ id: task.id, version: task.version + 1, fields: [link.body.id] }], deleted: [] }]);
    expect(about(people.id)).toEqual([{ workspaceId, tableId: people.id, kind: "rows" }]);
  });

  test("a CSV import into a table says its rows changed without listing them (COPY does not say which ids it gave)", async () => {
    const t = await table();
    heard = [];
    const res = await owner.upload(`/tables/${t.id}/import`, "Name,N\nx,1\ny,2\n");
    expect(res.body).toMatchObject({ imported: 2 });
    expect(about(t.id)).toEqual([{ workspaceId, tableId: t.id, kind: "rows" }]);
  });
});

if (!externalPgUrl) skipNotice("TEST_EXTERNAL_PG_URL", "announcements of mounted-table writes");

describe.skipIf(!externalPgUrl)("writes to a mounted PostgreSQL table", () => {
  let db: ExternalPg;
  let connectionId: string;
  afterAll(async () => {
    if (connectionId) await owner.delete(`/connections/${connectionId}`);
    await db?.drop();
  });

  test("announce created, updated (with no version: the database keeps none) and deleted rows by their key", async () => {
    db = await createExternalPg(externalPgUrl!);
    await db.sql`create table items (id integer primary key, name text)`;
    await db.sql`insert into items values (1, 'one')`;
    connectionId = (await owner.post("/connections", { workspaceId, name: "Items db", kind: "postgres", url: db.url })).body.id;
    const mounted = await owner.post(`/connections/${connectionId}/tables`, { baseId, table: "public.items" });
    expect(mounted.status, JSON.stringify(mounted.body)).toBe(201);
    const tableId = mounted.body.id as string;
    const nameField = mounted.body.fields.find((f: { name: string }) => f.name === "name").id as string;
    const key = (id: number) => Buffer.from(JSON.stringify([id])).toString("base64url");

    heard = [];
    expect((await owner.post(`/tables/${tableId}/rows`, { rows: [{ fields: { id: 2, name: "two" } }] })).status).toBe(201);
    expect(about(tableId).map((c) => c.rows)).toEqual([{ created: [key(2)], updated: [], deleted: [] }]);

    heard = [];
    expect((await owner.patch(`/tables/${tableId}/rows/${key(1)}`, { fields: { name: "uno" } })).status).toBe(200);
    expect(about(tableId).map((c) => c.rows)).toEqual([{ created: [], updated: [{ id: key(1), version: null, fields: [nameField] }], deleted: [] }]);

    heard = [];
    expect((await owner.delete(`/tables/${tableId}/rows`, { ids: [key(2)] })).body).toEqual({ deleted: 1 });
    expect(about(tableId).map((c) => c.rows)).toEqual([{ created: [], updated: [], deleted: [key(2)] }]);
  });
});
