import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb, rowsOf } from "@/server/db";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";
import { purgeTrash } from "./purge-trash";

const day = 24 * 60 * 60 * 1000;

async function relationExists(schema: string, name: string) {
  const db = await getDb();
  return rowsOf(await db.execute(sql`select 1 from information_schema.tables where table_schema = ${schema} and table_name = ${name}`)).length === 1;
}

describe("purging the trash", () => {
  test("deletes for good what is older than the retention, and keeps the rest", async () => {
    const owner = await signedUpAgent("owner");
    const ws = await workspaceWith(owner.user);
    const baseId = (await owner.post("/bases", { workspaceId: ws.id, name: "B" })).body.id;
    const keep = (await owner.post("/tables", { baseId, name: "Keep", fields: [{ name: "Name", type: "text" }, { name: "Gone", type: "number" }] })).body;
    const doomed = (await owner.post("/tables", { baseId, name: "Doomed", fields: [{ name: "Name", type: "text" }] })).body;
    await owner.post(`/tables/${keep.id}/fields`, { name: "Doomed link", type: "link", options: { tableId: doomed.id } });
    const [r1, r2] = (await owner.post(`/tables/${keep.id}/rows`, { rows: [{ fields: { Name: "a" } }, { fields: { Name: "b" } }] })).body.rows;
    await owner.delete(`/tables/${keep.id}/rows/${r1.id}`);
    await owner.delete(`/tables/${keep.id}/fields/${keep.fields[1].id}`);
    await owner.delete(`/tables/${doomed.id}`);
    // While the linked table is in the trash, its links read as empty.
    expect((await owner.get(`/tables/${keep.id}/rows/${r2.id}`)).body.fields["Doomed link"]).toEqual([]);

    const db = await getDb();
    // Nothing is old enough yet.
    // Scoped to this workspace: other test files share the database and their trash.
    expect(await purgeTrash(db, { olderThan: new Date(Date.now() - 30 * day), workspaceId: ws.id })).toEqual({ tables: 0, fields: 0, rows: 0 });
    expect((await owner.get(`/tables/${keep.id}/trash`)).body.rows).toHaveLength(1);

    const purged = await purgeTrash(db, { olderThan: new Date(Date.now() + day), workspaceId: ws.id });
    expect(purged).toEqual({ tables: 1, fields: 1, rows: 1 });
    expect(await relationExists(`ws_${ws.id}`, `t_${doomed.id}`)).toBe(false);
    const trash = (await owner.get(`/tables/${keep.id}/trash`)).body;
    expect(trash).toEqual({ fields: [], rows: [] });
    expectErrorShape(await owner.post(`/tables/${keep.id}/rows/restore`, { ids: [r1.id] }), 409);
    expectErrorShape(await owner.post(`/tables/${doomed.id}/restore`), 404);
    const columns = rowsOf<{ column_name: string }>(
      await db.execute(sql`select column_name from information_schema.columns where table_schema = ${`ws_${ws.id}`} and table_name = ${`t_${keep.id}`}`),
    ).map((c) => c.column_name);
    expect(columns).not.toContain(`f_${keep.fields[1].id}`);
    // The link into the purged table went with it; the table that stays still reads fine.
    const after = await owner.get(`/tables/${keep.id}/rows/${r2.id}`);
    expect(after.body.fields).toEqual({ Name: "b" });
  });

  test("a trashed link field takes its inverse with it, and restoring brings both back", async () => {
    const owner = await signedUpAgent("links");
    const ws = await workspaceWith(owner.user);
    const baseId = (await owner.post("/bases", { workspaceId: ws.id, name: "B" })).body.id;
    const a = (await owner.post("/tables", { baseId, name: "A" })).body;
    const b = (await owner.post("/tables", { baseId, name: "B" })).body;
    const link = (await owner.post(`/tables/${a.id}/fields`, { name: "To B", type: "link", options: { tableId: b.id } })).body;
    await owner.delete(`/tables/${a.id}/fields/${link.id}`);
    expect((await owner.get(`/tables/${b.id}`)).body.fields.map((f: { name: string }) => f.name)).toEqual(["Name"]);
    expect((await owner.post(`/tables/${a.id}/fields/${link.id}/restore`)).status).toBe(200);
    expect((await owner.get(`/tables/${b.id}`)).body.fields.map((f: { name: string }) => f.name)).toEqual(["Name", "A"]);
  });
});
