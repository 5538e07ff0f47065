import { eq, sql } from "drizzle-orm";
import { describe, expect, test, vi } from "vitest";
import { getDb, rowsOf } from "@/server/db";
import { auditLog, workspaceMembers, workspaces } from "@/server/db/schema";
import { signedUpAgent } from "@/test/rest-agent";

// Lets a test choose the next id, to make the schema name collide on purpose.
const forcedIds: string[] = [];
vi.mock("@/server/ids", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/server/ids")>();
  return { ...real, newId: () => forcedIds.shift() ?? real.newId() };
});

async function schemaExists(name: string): Promise<boolean> {
  const db = await getDb();
  const rows = rowsOf(await db.execute(sql`select 1 from information_schema.schemata where schema_name = ${name}`));
  return rows.length === 1;
}

describe("a workspace's PostgreSQL schema", () => {
  test("is created with the workspace, named from its id, and dropped with it", async () => {
    const owner = await signedUpAgent("schema");
    const created = await owner.post("/workspaces", { name: `Robert'); drop schema public; --` });
    expect(created.status).toBe(201);
    expect(await schemaExists(`ws_${created.body.id}`)).toBe(true);
    expect((await owner.delete(`/workspaces/${created.body.id}`)).status).toBe(204);
    expect(await schemaExists(`ws_${created.body.id}`)).toBe(false);
    expect(await schemaExists("public")).toBe(true);
  });

  test("is created in the same transaction: if the DDL fails, no metadata is left", async () => {
    const owner = await signedUpAgent("atomic");
    const db = await getDb();
    // A fresh id each run, so a database reused across runs does not already hold it.
    const id = `collision${Math.random().toString(36).replace(/[^a-z2-7]/g, "").padEnd(7, "a").slice(0, 7)}`;
    await db.execute(sql`create schema ${sql.identifier(`ws_${id}`)}`);
    forcedIds.push(id);
    const res = await owner.post("/workspaces", { name: "Doomed" });
    expect(res.status).toBe(500);
    expect(res.body.error.message).not.toContain("ws_");
    expect(await db.select().from(workspaces).where(eq(workspaces.id, id))).toHaveLength(0);
    expect(await db.select().from(workspaceMembers).where(eq(workspaceMembers.workspaceId, id))).toHaveLength(0);
    expect(await db.select().from(auditLog).where(eq(auditLog.workspaceId, id))).toHaveLength(0);
    expect((await owner.get("/workspaces")).body.workspaces).toEqual([]);
  });
});
