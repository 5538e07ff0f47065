import { beforeAll, describe, expect, test } from "vitest";
import { type Agent, teamWithBase } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

let owner: Agent;
let editor: Agent;
let viewer: Agent;
let outsider: Agent;
let workspaceId: string;
let baseId: string;

beforeAll(async () => {
  ({ owner, editor, viewer, workspaceId, baseId } = await teamWithBase());
  outsider = await signedUpAgent("outsider");
});

type Table = { id: string; fields: Array<{ id: string; name: string; type: string }> };

async function newTable(): Promise<Table & { field: (name: string) => string }> {
  const res = await owner.post("/tables", {
    baseId,
    name: `T ${Math.random()}`,
    fields: [
      { name: "Name", type: "text" },
      { name: "Qty", type: "number" },
      { name: "Notes", type: "long_text" },
      { name: "Status", type: "single_select", options: { choices: [{ name: "Todo" }, { name: "Doing" }, { name: "Done" }] } },
      { name: "Owner", type: "user" },
      { name: "Due", type: "date" },
      { name: "Ends", type: "datetime" },
      { name: "Photo", type: "attachment" },
      { name: "Created", type: "created_time" },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const table = res.body as Table;
  return { ...table, field: (name: string) => table.fields.find((f) => f.name === name)!.id };
}

describe("views", () => {
  test("a new table starts with a Grid view", async () => {
    const table = await newTable();
    const res = await viewer.get(`/views?tableId=${table.id}`);
    expect(res.status).toBe(200);
    expect(res.body.views).toEqual([expect.objectContaining({ name: "Grid", type: "grid", tableId: table.id, filter: null, sort: [], hiddenFields: [] })]);
  });

  test("a table imported from CSV starts with a Grid view too", async () => {
    const imported = await owner.upload(`/tables/import?baseId=${baseId}&name=Imported`, "Name,Qty\na,1\n");
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const res = await viewer.get(`/views?tableId=${imported.body.table.id}`);
    expect(res.body.views.map((v: { name: string; type: string }) => [v.name, v.type])).toEqual([["Grid", "grid"]]);
    expect((await viewer.get(`/views/${res.body.views[0].id}/data`)).body.rows).toHaveLength(1);
  });

  test("create, read, list, update and delete; field references are stored as ids", async () => {
    const table = await newTable();
    const created = await editor.post("/views", {
      tableId: table.id,
      name: "Big ones",
      type: "grid",
      filter: { and: [{ field: "Qty", op: "gt", value: 1 }, { field: "status", op: "eq", value: "Todo" }] },
      sort: [{ field: "Name", dir: "desc" }],
      groupBy: ["Status"],
      hiddenFields: ["Notes"],
      config: { fieldOrder: ["Qty", "Name"], widths: { Name: 240 }, rowHeight: "tall" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const view = created.body;
    expect(view).toMatchObject({
      tableId: table.id,
      name: "Big ones",
      type: "grid",
      filter: { and: [{ field: table.field("Qty"), op: "gt", value: 1 }, { field: table.field("Status"), op: "eq", value: "Todo" }] },
      sort: [{ field: table.field("Name"), dir: "desc" }],
      groupBy: [table.field("Status")],
      hiddenFields: [table.field("Notes")],
      config: { fieldOrder: [table.field("Qty"), table.field("Name")], widths: { [table.field("Name")]: 240 }, rowHeight: "tall" },
      createdBy: editor.user.id,
    });
    expect((await viewer.get(`/views/${view.id}`)).body).toMatchObject({ id: view.id, name: "Big ones", api: null });
    expect((await viewer.get(`/views?tableId=${table.id}`)).body.views.map((v: { name: string }) => v.name)).toEqual(["Grid", "Big ones"]);

    const renamed = await editor.patch(`/views/${view.id}`, { name: "Renamed", filter: null });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Renamed", filter: null, sort: view.sort, hiddenFields: view.hiddenFields });

    expect((await editor.delete(`/views/${view.id}`)).status).toBe(204);
    expectErrorShape(await viewer.get(`/views/${view.id}`), 404);
    expectErrorShape(await editor.delete(`/views/${view.id}`), 404);
  });

  test.each([
    ["an unknown type", { type: "pivot" }, /type/],
    ["an unknown field in the filter", { type: "grid", filter: { field: "Nope", op: "eq", value: 1 } }, /Nope/],
    ["a filter value of the wrong type", { type: "grid", filter: { field: "Qty", op: "gt", value: "many" } }, /Qty/],
    ["an operator that does not apply", { type: "grid", filter: { field: "Photo", op: "gt", value: 1 } }, /Photo/],
    ["an unknown field in the sort", { type: "grid", sort: [{ field: "Nope" }] }, /Nope/],
    ["an unknown hidden field", { type: "grid", hiddenFields: ["Nope"] }, /Nope/],
    ["a sort on a hidden field", { type: "grid", hiddenFields: ["Qty"], sort: [{ field: "Qty" }] }, /Qty/],
    ["an unknown grid setting", { type: "grid", config: { colour: "red" } }, /colour|config/i],
    ["a kanban without its stack field", { type: "kanban", config: {} }, /stackFieldId/],
    ["a kanban stacked by a number field", { type: "kanban", config: { stackFieldId: "Qty" } }, /"Qty" is a number field/],
    ["a kanban stacked by an unknown field", { type: "kanban", config: { stackFieldId: "Nope" } }, /Nope/],
    ["a calendar on a number", { type: "calendar", config: { dateFieldId: "Qty" } }, /"Qty"/],
    ["a calendar whose end is not a date", { type: "calendar", config: { dateFieldId: "Due", endDateFieldId: "Name" } }, /"Name"/],
    ["a timeline without an end", { type: "timeline", config: { startFieldId: "Due" } }, /endFieldId/],
    ["a gallery whose cover is not an attachment", { type: "gallery", config: { coverFieldId: "Name" } }, /"Name"/],
    ["a form asking for a computed field", { type: "form", config: { fields: [{ fieldId: "Created" }] } }, /"Created"/],
    ["a form asking twice for a field", { type: "form", config: { fields: [{ fieldId: "Name" }, { fieldId: "name" }] } }, /once/],
    ["a form field without an id", { type: "form", config: { fields: [{ label: "x" }] } }, /fieldId/],
  ])("refuses %s with 400 naming it", async (_, settings, message) => {
    const table = await newTable();
    const res = await editor.post("/views", { tableId: table.id, name: "Bad", ...settings });
    expectErrorShape(res, 400);
    expect(res.body.error.message).toMatch(message);
    expect((await editor.get(`/views?tableId=${table.id}`)).body.views).toHaveLength(1);
  });

  test("every view type saves with good settings", async () => {
    const table = await newTable();
    const good = [
      { type: "kanban", config: { stackFieldId: "Status" } },
      { type: "kanban", config: { stackFieldId: table.field("Owner") } },
      { type: "calendar", config: { dateFieldId: "Due", endDateFieldId: "Ends" } },
      { type: "timeline", config: { startFieldId: "Due", endFieldId: "Ends" } },
      { type: "gallery", config: { coverFieldId: "Photo" } },
      { type: "gallery" },
      { type: "form", config: { title: "Tell us", fields: [{ fieldId: "Name", required: true, label: "Your name" }, { fieldId: "Qty", help: "How many" }] } },
    ];
    for (const settings of good) {
      const res = await editor.post("/views", { tableId: table.id, name: settings.type, ...settings });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const kanban = (await editor.get(`/views?tableId=${table.id}`)).body.views[1];
    expect(kanban.config).toEqual({ stackFieldId: table.field("Status") });
  });

  test("a change of type checks the config against the new type", async () => {
    const table = await newTable();
    const view = (await editor.post("/views", { tableId: table.id, name: "V", type: "grid" })).body;
    expectErrorShape(await editor.patch(`/views/${view.id}`, { type: "kanban" }), 400);
    const res = await editor.patch(`/views/${view.id}`, { type: "kanban", config: { stackFieldId: "Status" } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Hiding what the view sorts by is refused.
    await editor.patch(`/views/${view.id}`, { sort: [{ field: "Qty" }] });
    expectErrorShape(await editor.patch(`/views/${view.id}`, { hiddenFields: ["Qty"] }), 400);
  });

  test("viewers read views but cannot change them; non-members learn nothing", async () => {
    const table = await newTable();
    const [grid] = (await viewer.get(`/views?tableId=${table.id}`)).body.views;
    expectErrorShape(await viewer.post("/views", { tableId: table.id, name: "Mine", type: "grid" }), 403);
    expectErrorShape(await viewer.patch(`/views/${grid.id}`, { name: "Mine" }), 403);
    expectErrorShape(await viewer.delete(`/views/${grid.id}`), 403);
    expectErrorShape(await outsider.get(`/views/${grid.id}`), 404);
    expectErrorShape(await outsider.get(`/views?tableId=${table.id}`), 404);
    expectErrorShape(await outsider.post("/views", { tableId: table.id, name: "Mine", type: "grid" }), 404);
    expectErrorShape(await outsider.get(`/views/${grid.id}/data`), 404);
    // Publishing needs an admin.
    expectErrorShape(await editor.post(`/views/${grid.id}/api`, { enabled: true, auth: "public" }), 403);
  });
});

describe("history", () => {
  const lastEntry = async (action: string, resourceId: string) => {
    const res = await owner.get(`/audit?workspaceId=${workspaceId}&action=${action}&resourceId=${resourceId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.entries[0];
  };

  test("view changes are audited with before and after, and an update reverts", async () => {
    const table = await newTable();
    const view = (await editor.post("/views", { tableId: table.id, name: "V", type: "grid", filter: { field: "Qty", op: "gt", value: 1 } })).body;
    const created = await lastEntry("view.create", view.id);
    expect(created).toMatchObject({ userId: editor.user.id, resourceType: "view", after: { name: "V", type: "grid" } });

    await editor.patch(`/views/${view.id}`, { name: "W", filter: { field: "Qty", op: "lt", value: 5 }, hiddenFields: ["Notes"] });
    const update = await lastEntry("view.update", view.id);
    expect(update.before).toMatchObject({ name: "V", filter: { op: "gt" }, hiddenFields: [] });
    expect(update.after).toMatchObject({ name: "W", filter: { op: "lt" }, hiddenFields: [table.field("Notes")] });

    const reverted = await editor.post(`/audit/${update.id}/revert`);
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
    expect((await editor.get(`/views/${view.id}`)).body).toMatchObject({ name: "V", filter: { field: table.field("Qty"), op: "gt", value: 1 }, hiddenFields: [] });
    // The revert is itself a change, and the old entry no longer matches what is there.
    expect((await lastEntry("view.update", view.id)).id).not.toBe(update.id);
    expectErrorShape(await editor.post(`/audit/${update.id}/revert`), 409);
    // Viewers cannot revert view changes.
    expectErrorShape(await viewer.post(`/audit/${update.id}/revert`), 403);
  });

  test("a deleted view comes back, settings and id, from history", async () => {
    const table = await newTable();
    const view = (await editor.post("/views", { tableId: table.id, name: "K", type: "kanban", config: { stackFieldId: "Status" }, sort: [{ field: "Name" }] })).body;
    expect((await editor.delete(`/views/${view.id}`)).status).toBe(204);
    const deletion = await lastEntry("view.delete", view.id);
    expect(deletion.before).toMatchObject({ name: "K", type: "kanban" });
    const res = await editor.post(`/audit/${deletion.id}/revert`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const back = await editor.get(`/views/${view.id}`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ name: "K", type: "kanban", config: view.config, sort: view.sort, position: view.position });
    expectErrorShape(await editor.post(`/audit/${deletion.id}/revert`), 409);
  });
});
