import { beforeAll, describe, expect, test } from "vitest";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let workspaceId: string;
let baseId: string;

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  workspaceId = (await workspaceWith(owner.user)).id;
  baseId = (await owner.post("/bases", { workspaceId, name: "Base" })).body.id;
});

async function projectsAndTasks() {
  const projects = (await owner.post("/tables", { baseId, name: "Projects", fields: [{ name: "Name", type: "text" }] })).body;
  const tasks = (
    await owner.post("/tables", {
      baseId,
      name: "Tasks",
      fields: [{ name: "Name", type: "text" }, { name: "Hours", type: "number", options: { precision: 1 } }, { name: "Due", type: "date" }],
    })
  ).body;
  const link = await owner.post(`/tables/${tasks.id}/fields`, { name: "Project", type: "link", options: { tableId: projects.id } });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  const inverse = (await owner.get(`/tables/${projects.id}`)).body.fields.find((f: { type: string }) => f.type === "link");
  expect(inverse).toMatchObject({ name: "Tasks", options: { tableId: tasks.id, inverseFieldId: link.body.id } });
  const hours = tasks.fields[1].id;
  const name = tasks.fields[0].id;
  const due = tasks.fields[2].id;
  for (const [fieldName, type, options] of [
    ["Task names", "lookup", { linkFieldId: inverse.id, fieldId: name }],
    ["Total hours", "rollup", { linkFieldId: inverse.id, fieldId: hours, fn: "sum" }],
    ["Latest due", "rollup", { linkFieldId: inverse.id, fieldId: due, fn: "max" }],
    ["Task count", "count", { linkFieldId: inverse.id }],
  ] as const) {
    const res = await owner.post(`/tables/${projects.id}/fields`, { name: fieldName, type, options });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const [p1, p2] = (await owner.post(`/tables/${projects.id}/rows`, { rows: [{ fields: { Name: "Alpha" } }, { fields: { Name: "Beta" } }] })).body.rows;
  const [t1, t2, t3] = (
    await owner.post(`/tables/${tasks.id}/rows`, {
      rows: [
        { fields: { Name: "Design", Hours: 2.5, Due: "2026-03-01", Project: [p1.id] } },
        { fields: { Name: "Build", Hours: 4, Due: "2026-04-01", Project: [{ id: p1.id }] } },
        { fields: { Name: "Ship", Hours: 1, Due: "2026-05-01" } },
      ],
    })
  ).body.rows;
  return { projects, tasks, p1, p2, t1, t2, t3 };
}

const project = async (tableId: string, id: string) => (await owner.get(`/tables/${tableId}/rows/${id}`)).body.fields;

describe("link fields", () => {
  test("are two-way, and lookups, rollups and counts are computed from them", async () => {
    const { projects, tasks, p1, t1, t2 } = await projectsAndTasks();
    expect(t1.fields.Project).toEqual([{ id: p1.id, name: "Alpha" }]);
    expect(await project(projects.id, p1.id)).toMatchObject({
      Tasks: [{ id: t1.id, name: "Design" }, { id: t2.id, name: "Build" }],
      "Task names": ["Design", "Build"],
      "Total hours": 6.5,
      "Latest due": "2026-04-01",
      "Task count": 2,
    });
    const read = await owner.get(`/tables/${tasks.id}/rows/${t2.id}`);
    expect(read.body.fields.Project).toEqual([{ id: p1.id, name: "Alpha" }]);
  });

  test("stay correct after edits on either side", async () => {
    const { projects, tasks, p1, p2, t1, t2, t3 } = await projectsAndTasks();
    // From the project side: Beta takes Build and Ship.
    const edited = await owner.patch(`/tables/${projects.id}/rows/${p2.id}`, { fields: { Tasks: [t2.id, t3.id] } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.fields).toMatchObject({ "Task names": ["Build", "Ship"], "Total hours": 5, "Task count": 2 });
    expect((await project(tasks.id, t3.id)).Project).toEqual([{ id: p2.id, name: "Beta" }]);
    // Links allow many: Build is now in both projects.
    expect((await project(tasks.id, t2.id)).Project).toEqual([{ id: p1.id, name: "Alpha" }, { id: p2.id, name: "Beta" }]);
    // From the task side: Design moves to Beta too, and the project's name shows everywhere.
    await owner.patch(`/tables/${tasks.id}/rows/${t1.id}`, { fields: { Project: [p2.id] } });
    await owner.patch(`/tables/${projects.id}/rows/${p2.id}`, { fields: { Name: "Beta 2" } });
    expect(await project(projects.id, p2.id)).toMatchObject({ "Task count": 3, "Total hours": 7.5 });
    expect((await project(tasks.id, t1.id)).Project).toEqual([{ id: p2.id, name: "Beta 2" }]);
    // A change of a linked row's value shows in the rollup at once.
    await owner.patch(`/tables/${tasks.id}/rows/${t1.id}`, { fields: { Hours: 10 } });
    expect((await project(projects.id, p2.id))["Total hours"]).toBe(15);
    expect(await project(projects.id, p1.id)).toMatchObject({ "Task count": 1, "Task names": ["Build"] });
  });

  test("a deleted row drops out of links and rollups; restoring it (or reverting the delete) brings it back", async () => {
    const { projects, tasks, p1, t1 } = await projectsAndTasks();
    await owner.delete(`/tables/${tasks.id}/rows/${t1.id}`);
    expect(await project(projects.id, p1.id)).toMatchObject({ "Task count": 1, "Total hours": 4, "Task names": ["Build"] });
    const entry = (await owner.get(`/audit?workspaceId=${workspaceId}&action=row.delete&resourceId=${tasks.id}:${t1.id}`)).body.entries[0];
    expect((await owner.post(`/audit/${entry.id}/revert`)).status).toBe(200);
    expect(await project(projects.id, p1.id)).toMatchObject({ "Task count": 2, "Task names": ["Design", "Build"] });
    expect((await project(tasks.id, t1.id)).Project).toEqual([{ id: p1.id, name: "Alpha" }]);
  });

  test("an update of links can be reverted, and compare-and-set compares linked ids", async () => {
    const { projects, tasks, p1, p2, t1 } = await projectsAndTasks();
    await owner.patch(`/tables/${tasks.id}/rows/${t1.id}`, { fields: { Project: [p2.id] }, expected: { Project: [{ id: p1.id, name: "Alpha" }] } });
    const stale = await owner.patch(`/tables/${tasks.id}/rows/${t1.id}`, { fields: { Project: [] }, expected: { Project: [p1.id] } });
    expectErrorShape(stale, 409);
    const entry = (await owner.get(`/audit?workspaceId=${workspaceId}&action=row.update&resourceId=${tasks.id}:${t1.id}`)).body.entries[0];
    expect((await owner.post(`/audit/${entry.id}/revert`)).status).toBe(200);
    expect((await project(tasks.id, t1.id)).Project).toEqual([{ id: p1.id, name: "Alpha" }]);
    expect((await project(projects.id, p1.id))["Task count"]).toBe(2);
  });

  test("links to rows that do not exist, or to another table's rows, are refused naming the field", async () => {
    const { projects, tasks, t1 } = await projectsAndTasks();
    const res = await owner.patch(`/tables/${tasks.id}/rows/${t1.id}`, { fields: { Project: ["999999"] } });
    expectErrorShape(res, 400);
    expect(res.body.error.message).toContain('Field "Project"');
    expectErrorShape(await owner.patch(`/tables/${tasks.id}/rows/${t1.id}`, { fields: { Project: ["abc"] } }), 400);
    const single = await owner.post(`/tables/${projects.id}/fields`, { name: "Lead task", type: "link", options: { tableId: tasks.id, multiple: false } });
    expect(single.status).toBe(201);
    const [p] = (await owner.get(`/tables/${projects.id}/rows`)).body.rows;
    expectErrorShape(await owner.patch(`/tables/${projects.id}/rows/${p.id}`, { fields: { "Lead task": [t1.id, t1.id === "1" ? "2" : "1"] } }), 400);
  });

  test("a single link stays single when written from the other side", async () => {
    const { projects, tasks, p1, p2, t1 } = await projectsAndTasks();
    const lead = await owner.post(`/tables/${projects.id}/fields`, { name: "Lead task", type: "link", options: { tableId: tasks.id, multiple: false, inverseName: "Lead of" } });
    expect(lead.status).toBe(201);
    await owner.patch(`/tables/${tasks.id}/rows/${t1.id}`, { fields: { "Lead of": [p1.id] } });
    await owner.patch(`/tables/${tasks.id}/rows/${t1.id}`, { fields: { "Lead of": [p1.id, p2.id] } });
    const t2 = (await owner.get(`/tables/${tasks.id}/rows`)).body.rows[1];
    // p1's lead moves from t1 to t2: a project never has two leads.
    await owner.patch(`/tables/${tasks.id}/rows/${t2.id}`, { fields: { "Lead of": [p1.id] } });
    expect((await project(projects.id, p1.id))["Lead task"]).toEqual([{ id: t2.id, name: "Build" }]);
    expect((await project(tasks.id, t1.id))["Lead of"]).toEqual([{ id: p2.id, name: "Beta" }]);
  });

  test("a link to the same table works both ways; a link to another workspace's table is refused", async () => {
    const people = (await owner.post("/tables", { baseId, name: "People", fields: [{ name: "Name", type: "text" }] })).body;
    const manager = await owner.post(`/tables/${people.id}/fields`, { name: "Manager", type: "link", options: { tableId: people.id, multiple: false, inverseName: "Reports" } });
    expect(manager.status, JSON.stringify(manager.body)).toBe(201);
    const [boss, worker] = (await owner.post(`/tables/${people.id}/rows`, { rows: [{ fields: { Name: "Boss" } }, { fields: { Name: "Worker" } }] })).body.rows;
    await owner.patch(`/tables/${people.id}/rows/${worker.id}`, { fields: { Manager: [boss.id] } });
    expect((await project(people.id, boss.id)).Reports).toEqual([{ id: worker.id, name: "Worker" }]);

    const stranger = await signedUpAgent("stranger");
    const theirWs = (await stranger.post("/workspaces", { name: "Theirs" })).body.id;
    const theirBase = (await stranger.post("/bases", { workspaceId: theirWs, name: "B" })).body.id;
    const theirTable = (await stranger.post("/tables", { baseId: theirBase, name: "Secret" })).body;
    expectErrorShape(await owner.post(`/tables/${people.id}/fields`, { name: "Spy", type: "link", options: { tableId: theirTable.id } }), 400);
  });

  test("option changes that would break stored links or computations are refused", async () => {
    const { projects, tasks, p1, t1 } = await projectsAndTasks();
    const projectFields = (await owner.get(`/tables/${projects.id}`)).body.fields;
    const tasksLink = projectFields.find((f: { name: string }) => f.name === "Tasks");
    const total = projectFields.find((f: { name: string }) => f.name === "Total hours");
    const otherTable = (await owner.post("/tables", { baseId, name: "Other" })).body;
    expectErrorShape(await owner.patch(`/tables/${projects.id}/fields/${tasksLink.id}`, { options: { ...tasksLink.options, tableId: otherTable.id } }), 400);
    // Alpha links to two tasks: the link cannot become single until it does not.
    expectErrorShape(await owner.patch(`/tables/${projects.id}/fields/${tasksLink.id}`, { options: { ...tasksLink.options, multiple: false } }), 400);
    await owner.patch(`/tables/${projects.id}/rows/${p1.id}`, { fields: { Tasks: [t1.id] } });
    const single = await owner.patch(`/tables/${projects.id}/fields/${tasksLink.id}`, { options: { tableId: tasks.id, multiple: false } });
    expect(single.status, JSON.stringify(single.body)).toBe(200);
    expect(single.body.options).toEqual({ ...tasksLink.options, multiple: false });
    expect((await project(projects.id, p1.id)).Tasks).toEqual([{ id: t1.id, name: "Design" }]);
    // A rollup's function or field is checked again.
    expectErrorShape(await owner.patch(`/tables/${projects.id}/fields/${total.id}`, { options: { ...total.options, fieldId: tasks.fields[0].id } }), 400);
    expect((await owner.patch(`/tables/${projects.id}/fields/${total.id}`, { options: { ...total.options, fn: "max" } })).status).toBe(200);
    expect((await project(projects.id, p1.id))["Total hours"]).toBe(2.5);
  });

  test("a rollup's result keeps the kind of its function: concat is text even of one number, min of dates a date", async () => {
    const { projects, tasks, p2, t3 } = await projectsAndTasks();
    const link = (await owner.get(`/tables/${projects.id}`)).body.fields.find((f: { name: string }) => f.name === "Tasks").id;
    for (const [name, fieldId, fn] of [["All hours", tasks.fields[1].id, "concat"], ["First due", tasks.fields[2].id, "min"]] as const) {
      expect((await owner.post(`/tables/${projects.id}/fields`, { name, type: "rollup", options: { linkFieldId: link, fieldId, fn } })).status).toBe(201);
    }
    await owner.patch(`/tables/${projects.id}/rows/${p2.id}`, { fields: { Tasks: [t3.id] } });
    expect(await project(projects.id, p2.id)).toMatchObject({ "All hours": "1", "First due": "2026-05-01", "Total hours": 1 });
  });

  test("lookups and rollups are checked when created", async () => {
    const { projects, tasks } = await projectsAndTasks();
    const projectFields = (await owner.get(`/tables/${projects.id}`)).body.fields;
    const tasksLink = projectFields.find((f: { name: string }) => f.name === "Tasks").id;
    expectErrorShape(await owner.post(`/tables/${projects.id}/fields`, { name: "X", type: "lookup", options: { linkFieldId: projectFields[0].id, fieldId: tasks.fields[0].id } }), 400);
    expectErrorShape(await owner.post(`/tables/${projects.id}/fields`, { name: "X", type: "rollup", options: { linkFieldId: tasksLink, fieldId: tasks.fields[0].id, fn: "sum" } }), 400);
    expectErrorShape(await owner.post(`/tables/${projects.id}/fields`, { name: "X", type: "rollup", options: { linkFieldId: tasksLink, fieldId: tasks.fields[1].id, fn: "median" } }), 400);
    expectErrorShape(await owner.post(`/tables/${projects.id}/rows`, { rows: [{ fields: { "Task count": 3 } }] }), 400);
  });
});
