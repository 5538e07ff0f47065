import { beforeAll, describe, expect, test } from "vitest";
import { type Agent, teamWithBase } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

let owner: Agent;
let editor: Agent;
let viewer: Agent;
let workspaceId: string;
let baseId: string;

beforeAll(async () => void ({ owner, editor, viewer, workspaceId, baseId } = await teamWithBase()));

async function tableWithRow() {
  const table = (
    await owner.post("/tables", {
      baseId,
      name: "T",
      fields: [
        { name: "Name", type: "text" },
        { name: "N", type: "number", options: { precision: 2 } },
        { name: "Tags", type: "multi_select", options: { choices: [{ name: "a" }, { name: "b" }] } },
        { name: "When", type: "datetime" },
      ],
    })
  ).body;
  const fields = { Name: "original", N: 1.5, Tags: ["a"], When: "2026-01-02T03:04:05.000Z" };
  const row = (await editor.post(`/tables/${table.id}/rows`, { rows: [{ fields }] })).body.rows[0];
  return { table, row, fields };
}

async function lastEntry(action: string, resourceId?: string) {
  const query = new URLSearchParams({ workspaceId, action, ...(resourceId ? { resourceId } : {}) });
  const res = await owner.get(`/audit?${query}`);
  expect(res.status).toBe(200);
  return res.body.entries[0];
}

describe("GET /audit", () => {
  test("filters by user, action, resource and time, newest first, with a cursor", async () => {
    const { table, row } = await tableWithRow();
    for (let i = 0; i < 5; i++) await editor.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { N: i } });
    const resourceId = `${table.id}:${row.id}`;
    const first = await owner.get(`/audit?workspaceId=${workspaceId}&resourceId=${resourceId}&action=row.update&limit=3`);
    expect(first.body.entries).toHaveLength(3);
    expect(first.body.entries[0].after).toEqual({ [table.fields[1].id]: 4 });
    const second = await owner.get(`/audit?workspaceId=${workspaceId}&resourceId=${resourceId}&action=row.update&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.entries).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const byUser = await owner.get(`/audit?workspaceId=${workspaceId}&userId=${editor.user.id}&resourceId=${resourceId}`);
    expect(byUser.body.entries.every((e: { userId: string }) => e.userId === editor.user.id)).toBe(true);
    expect(byUser.body.entries).toHaveLength(6);
    const future = await owner.get(`/audit?workspaceId=${workspaceId}&from=2999-01-01`);
    expect(future.body.entries).toEqual([]);
    expectErrorShape(await owner.get(`/audit?workspaceId=${workspaceId}&from=yesterday`), 400);
    expectErrorShape(await editor.get(`/audit?workspaceId=${workspaceId}`), 403);
  });
});

describe("revert", () => {
  test("a row update: the exact before values come back, and the revert is audited", async () => {
    const { table, row, fields } = await tableWithRow();
    await editor.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { Name: "changed", N: 99.25, Tags: ["a", "b"], When: null } });
    const entry = await lastEntry("row.update", `${table.id}:${row.id}`);
    const res = await editor.post(`/audit/${entry.id}/revert`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await owner.get(`/tables/${table.id}/rows/${row.id}`)).body.fields).toEqual(fields);
    const revertEntry = await lastEntry("row.update", `${table.id}:${row.id}`);
    expect(revertEntry.id).not.toBe(entry.id);
    expect(revertEntry.userId).toBe(editor.user.id);
  });

  test("a change superseded by a later one answers 409 and changes nothing", async () => {
    const { table, row } = await tableWithRow();
    await editor.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { Name: "second" } });
    const entry = await lastEntry("row.update", `${table.id}:${row.id}`);
    await owner.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { Name: "third" } });
    const res = await editor.post(`/audit/${entry.id}/revert`);
    expectErrorShape(res, 409);
    expect(res.body.error.message).toMatch(/changed again/);
    expect((await owner.get(`/tables/${table.id}/rows/${row.id}`)).body.fields.Name).toBe("third");
  });

  test("a row delete: the row comes back with its values; twice is 409", async () => {
    const { table, row, fields } = await tableWithRow();
    await editor.delete(`/tables/${table.id}/rows/${row.id}`);
    expect((await owner.get(`/tables/${table.id}/trash`)).body.rows.map((r: { id: string }) => r.id)).toEqual([row.id]);
    const entry = await lastEntry("row.delete", `${table.id}:${row.id}`);
    expect((await editor.post(`/audit/${entry.id}/revert`)).status).toBe(200);
    expect((await owner.get(`/tables/${table.id}/rows/${row.id}`)).body.fields).toEqual(fields);
    expectErrorShape(await editor.post(`/audit/${entry.id}/revert`), 409);
  });

  test("a field change: name and options come back; a field delete: the field and its values come back", async () => {
    const { table, row } = await tableWithRow();
    const tags = table.fields[2];
    await owner.patch(`/tables/${table.id}/fields/${tags.id}`, { name: "Labels" });
    const update = await lastEntry("field.update", tags.id);
    expect((await owner.post(`/audit/${update.id}/revert`)).status).toBe(200);
    expect((await owner.get(`/tables/${table.id}`)).body.fields[2]).toMatchObject({ name: "Tags", options: tags.options });

    await owner.delete(`/tables/${table.id}/fields/${tags.id}`);
    expect((await owner.get(`/tables/${table.id}/rows/${row.id}`)).body.fields).not.toHaveProperty("Tags");
    const deleted = await lastEntry("field.delete", tags.id);
    expect((await owner.post(`/audit/${deleted.id}/revert`)).status).toBe(200);
    expect((await owner.get(`/tables/${table.id}/rows/${row.id}`)).body.fields.Tags).toEqual(["a"]);
    // An editor may revert row changes, not schema changes.
    expectErrorShape(await editor.post(`/audit/${update.id}/revert`), 403);
  });

  test("a table delete: the table comes back with its rows", async () => {
    const { table, row } = await tableWithRow();
    expect((await owner.delete(`/tables/${table.id}`)).status).toBe(204);
    expectErrorShape(await owner.get(`/tables/${table.id}`), 404);
    expect((await owner.get(`/trash?workspaceId=${workspaceId}`)).body.tables.map((t: { id: string }) => t.id)).toContain(table.id);
    const entry = await lastEntry("table.delete", table.id);
    expect((await owner.post(`/audit/${entry.id}/revert`)).status).toBe(200);
    expect((await owner.get(`/tables/${table.id}/rows/${row.id}`)).body.fields.Name).toBe("original");
  });

  test("viewers cannot revert; strangers cannot see the entry", async () => {
    const { table, row } = await tableWithRow();
    await editor.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { Name: "x" } });
    const entry = await lastEntry("row.update", `${table.id}:${row.id}`);
    expectErrorShape(await viewer.post(`/audit/${entry.id}/revert`), 403);
    const stranger = await signedUpAgent("stranger");
    expectErrorShape(await stranger.post(`/audit/${entry.id}/revert`), 404);
    expectErrorShape(await owner.post(`/audit/aaaaaaaaaaaaaaaa/revert`), 404);
  });
});
