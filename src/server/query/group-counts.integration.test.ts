import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb, rowsOf } from "@/server/db";
import { workspaceSchemaName } from "@/server/db/tenant/workspace-schema";
import { purgeTrash } from "@/server/services/trash/purge-trash";
import { workspaceWith } from "@/test/fixtures";
import { signedUpAgent } from "@/test/rest-agent";

// Counts maintained per value of a grouped field must always equal a count of
// the rows: each step below changes rows in another way, then the answer read
// from the counts is compared with the same question answered by a scan (an
// empty filter group, which forces the scan).

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let viewer: Agent;
let workspaceId: string;
let tableId: string;
const fieldIds: Record<string, string> = {};

const choices = ["Todo", "Doing", "Done"].map((name) => ({ name }));

async function grouped(agent: Agent, field: string, extra: Record<string, unknown> = {}) {
  const res = await agent.post(`/tables/${tableId}/aggregate`, { groupBy: [field], aggregates: [{ fn: "count", as: "n" }], ...extra });
  expect(res.status).toBe(200);
  return res.body.groups;
}

async function expectCountsMatchScan(field = "Status") {
  expect(await grouped(owner, field)).toEqual(await grouped(owner, field, { filter: { and: [] } }));
}

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  viewer = await signedUpAgent("viewer");
  workspaceId = (await workspaceWith(owner.user, [[viewer.user, "viewer"]])).id;
  const baseId = (await owner.post("/bases", { workspaceId, name: "B" })).body.id;
  const table = (await owner.post("/tables", {
    baseId,
    name: "Tasks",
    fields: [
      { name: "Title", type: "text" },
      { name: "Status", type: "single_select", options: { choices } },
      { name: "Points", type: "number" },
      { name: "Due", type: "date" },
      { name: "Done", type: "boolean" },
    ],
  })).body;
  tableId = table.id;
  for (const f of table.fields) fieldIds[f.name] = f.id;
  const rows = Array.from({ length: 60 }, (_, i) => ({
    fields: { Title: `t${i}`, Status: i % 4 === 3 ? null : choices[i % 3]!.name, Points: i % 5, Due: `2026-0${(i % 3) + 1}-01`, Done: i % 2 === 0 },
  }));
  await owner.post(`/tables/${tableId}/rows`, { rows });
  for (const groupBy of [["Status", "Points", "Due"], ["Done"]]) {
    const view = await owner.post("/views", { tableId, name: `By ${groupBy.join(", ")}`, type: "grid", groupBy });
    expect(view.status).toBe(201);
  }
});

describe("group counts maintained for the fields views group by", () => {
  test("are built when a view groups by a field, and answer counts in choice order with the empty group", async () => {
    const db = await getDb();
    const [found] = rowsOf<{ t: string | null }>(
      await db.execute(sql`select to_regclass(${`${workspaceSchemaName(workspaceId)}.gc_${fieldIds.Status}`})::text as t`),
    );
    expect(found?.t).toBeTruthy();
    expect(await grouped(owner, "Status")).toEqual([
      { key: { Status: "Todo" }, values: { n: 15 } },
      { key: { Status: "Doing" }, values: { n: 15 } },
      { key: { Status: "Done" }, values: { n: 15 } },
      { key: { Status: null }, values: { n: 15 } },
    ]);
    for (const field of ["Status", "Points", "Due", "Done"]) await expectCountsMatchScan(field);
  });

  test("the answer really comes from the counts (a tampered count shows), and the scan is the fallback", async () => {
    const db = await getDb();
    const counts = sql.raw(`"${workspaceSchemaName(workspaceId)}"."gc_${fieldIds.Status}"`);
    await db.execute(sql`update ${counts} set n = n + 1000 where ${sql.identifier(`f_${fieldIds.Status}`)} is null`);
    expect((await grouped(owner, "Status")).at(-1).values.n).toBe(1015);
    expect((await grouped(owner, "Status", { filter: { and: [] } })).at(-1).values.n).toBe(15);
    await db.execute(sql`update ${counts} set n = n - 1000 where ${sql.identifier(`f_${fieldIds.Status}`)} is null`);
  });

  test("stay right through creates, edits, deletes, restores, bulk imports and choice removal", async () => {
    const created = await owner.post(`/tables/${tableId}/rows`, { rows: [{ fields: { Status: "Done", Points: 9 } }, { fields: { Status: "Todo" } }] });
    await expectCountsMatchScan();
    const ids: string[] = created.body.rows.map((r: { id: string }) => r.id);
    await owner.patch(`/tables/${tableId}/rows`, { rows: [{ id: ids[0], fields: { Status: "Doing", Points: 1 } }, { id: ids[1], fields: { Title: "same status" } }] });
    await expectCountsMatchScan();
    await expectCountsMatchScan("Points");
    await owner.delete(`/tables/${tableId}/rows`, { ids });
    await expectCountsMatchScan();
    expect((await owner.post(`/tables/${tableId}/rows/restore`, { ids: [ids[0]] })).status).toBe(200);
    await expectCountsMatchScan();
    const csv = ["Title,Status,Points,Due,Done", ...Array.from({ length: 300 }, (_, i) => `c${i},${choices[i % 3]!.name},${i % 7},2026-05-0${(i % 9) + 1},${i % 3 === 0}`)].join("\n");
    expect((await owner.upload(`/tables/${tableId}/import`, csv)).status).toBe(200);
    for (const field of ["Status", "Points", "Due", "Done"]) await expectCountsMatchScan(field);
    // Removing a choice clears it from every row (an UPDATE of many rows at once).
    const status = (await owner.get(`/tables/${tableId}`)).body.fields.find((f: { name: string }) => f.name === "Status");
    const kept = status.options.choices.filter((c: { name: string }) => c.name !== "Doing");
    expect((await owner.patch(`/tables/${tableId}/fields/${fieldIds.Status}`, { options: { choices: kept } })).status).toBe(200);
    await expectCountsMatchScan();
    expect((await grouped(owner, "Status")).map((g: { key: { Status: string | null } }) => g.key.Status)).toEqual(["Todo", "Done", null]);
  });

  test("a reader with a row rule is answered by a scan of their rows", async () => {
    const db = await getDb();
    const rules = { fields: {}, rows: { viewer: { field: "Done", op: "eq", value: true } } };
    await db.execute(sql`update tables set rules = ${JSON.stringify(rules)}::jsonb where id = ${tableId}`);
    try {
      const mine = await grouped(viewer, "Status");
      expect(mine).toEqual(await grouped(owner, "Status", { filter: { field: "Done", op: "eq", value: true } }));
      expect(mine).not.toEqual(await grouped(owner, "Status"));
    } finally {
      await db.execute(sql`update tables set rules = '{}'::jsonb where id = ${tableId}`);
    }
  });

  test("are dropped when the field's column goes (type change, purge), and writes go on", async () => {
    expect((await owner.patch(`/tables/${tableId}/fields/${fieldIds.Points}`, { type: "text" })).status).toBe(200);
    expect((await owner.post(`/tables/${tableId}/rows`, { rows: [{ fields: { Points: "7" } }] })).status).toBe(201);
    await expectCountsMatchScan("Points");
    expect((await owner.delete(`/tables/${tableId}/fields/${fieldIds.Due}`)).status).toBe(204);
    await purgeTrash(await getDb(), { olderThan: new Date(Date.now() + 60_000), workspaceId });
    expect((await owner.post(`/tables/${tableId}/rows`, { rows: [{ fields: { Status: "Todo" } }] })).status).toBe(201);
    await expectCountsMatchScan();
  });
});
