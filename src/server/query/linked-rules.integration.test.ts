import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/server/db";
import { workspaceWith } from "@/test/fixtures";
import { signedUpAgent } from "@/test/rest-agent";

// A link cell must not name a row its reader cannot open: links, lookups,
// rollups and counts show only the linked rows inside the reader's row rule
// on the linked table — in lists, single rows, write answers and formulas.

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let editor: Agent;
let projects: string;
let tasks: string;
let projectIds: string[];
let taskId: string;

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  editor = await signedUpAgent("editor");
  const workspaceId = (await workspaceWith(owner.user, [[editor.user, "editor"]])).id;
  const baseId = (await owner.post("/bases", { workspaceId, name: "B" })).body.id;
  projects = (await owner.post("/tables", { baseId, name: "Projects", fields: [{ name: "Name", type: "text" }, { name: "Open", type: "boolean" }, { name: "Budget", type: "number" }] })).body.id;
  tasks = (await owner.post("/tables", { baseId, name: "Tasks", fields: [{ name: "Title", type: "text" }] })).body.id;
  await owner.post(`/tables/${tasks}/fields`, { name: "Projects", type: "link", options: { tableId: projects, multiple: true } });
  await owner.post(`/tables/${tasks}/fields`, { name: "Names", type: "lookup", options: { linkFieldId: await fieldId(tasks, "Projects"), fieldId: await fieldId(projects, "Name") } });
  await owner.post(`/tables/${tasks}/fields`, { name: "Total", type: "rollup", options: { linkFieldId: await fieldId(tasks, "Projects"), fieldId: await fieldId(projects, "Budget"), fn: "sum" } });
  await owner.post(`/tables/${tasks}/fields`, { name: "How many", type: "count", options: { linkFieldId: await fieldId(tasks, "Projects") } });
  await owner.post(`/tables/${tasks}/fields`, { name: "Listed", type: "formula", options: { formula: "ARRAYJOIN({Projects}, '+')" } });
  projectIds = (await owner.post(`/tables/${projects}/rows`, {
    rows: [{ fields: { Name: "Public", Open: true, Budget: 10 } }, { fields: { Name: "Secret", Open: false, Budget: 1000 } }],
  })).body.rows.map((r: { id: string }) => r.id);
  taskId = (await owner.post(`/tables/${tasks}/rows`, { rows: [{ fields: { Title: "t", Projects: projectIds } }] })).body.rows[0].id;
  const db = await getDb();
  await db.execute(sql`update tables set rules = ${JSON.stringify({ fields: {}, rows: { editor: { field: "Open", op: "eq", value: true } } })}::jsonb where id = ${projects}`);
});

async function fieldId(tableId: string, name: string): Promise<string> {
  return (await owner.get(`/tables/${tableId}`)).body.fields.find((f: { name: string }) => f.name === name).id;
}

const linkedView = (fields: Record<string, unknown>) => ({
  Projects: (fields.Projects as Array<{ name: string }>).map((p) => p.name),
  Names: fields.Names,
  Total: fields.Total,
  "How many": fields["How many"],
  Listed: fields.Listed,
});

describe("links under the reader's row rule on the linked table", () => {
  test("the owner sees every linked row", async () => {
    const [row] = (await owner.get(`/tables/${tasks}/rows`)).body.rows;
    expect(linkedView(row.fields)).toEqual({ Projects: ["Public", "Secret"], Names: ["Public", "Secret"], Total: 1010, "How many": 2, Listed: "Public+Secret" });
  });

  test("an editor limited to open projects sees only those, everywhere", async () => {
    const expected = { Projects: ["Public"], Names: ["Public"], Total: 10, "How many": 1, Listed: "Public" };
    const [listed] = (await editor.get(`/tables/${tasks}/rows`)).body.rows;
    expect(linkedView(listed.fields)).toEqual(expected);
    expect(linkedView((await editor.get(`/tables/${tasks}/rows/${taskId}`)).body.fields)).toEqual(expected);
    const joined = await editor.get(`/tables/${tasks}/rows?joins=${q([{ as: "p", tableId: projects, via: "Projects", fields: ["Name"] }])}`);
    expect(joined.body.rows[0].fields.p).toEqual([{ Name: "Public" }]);
    const edited = await editor.patch(`/tables/${tasks}/rows/${taskId}`, { fields: { Title: "edited" } });
    expect(linkedView(edited.body.fields)).toEqual(expected);
    // Searching for the hidden project's name finds nothing.
    expect((await editor.get(`/tables/${tasks}/rows?search=Secret`)).body.rows).toEqual([]);
  });
});

describe("rules hold through computed columns and link writes", () => {
  test("a computed column over a link sees only the reachable linked rows", async () => {
    const computed = [{ name: "C", formula: "ARRAYJOIN({Projects}, '+')" }];
    const res = await editor.get(`/tables/${tasks}/rows?computed=${q(computed)}`);
    expect(res.body.rows[0].fields.C).toBe("Public");
    const probe = await editor.get(`/tables/${tasks}/rows?computed=${q(computed)}&filter=${q({ field: "C", op: "contains", value: "Secret" })}`);
    expect(probe.body.rows).toEqual([]);
  });

  test("linking to a row outside the writer's rule there is refused like a missing row, and hidden links survive a rewrite", async () => {
    const refused = await editor.post(`/tables/${tasks}/rows`, { rows: [{ fields: { Title: "x", Projects: [projectIds[1]] } }] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("is not a row of");
    const rewritten = await editor.patch(`/tables/${tasks}/rows/${taskId}`, { fields: { Projects: [projectIds[0]] } });
    expect(rewritten.status).toBe(200);
    // The editor set [Public]; the owner still sees the Secret link the editor could not see.
    expect(rewritten.body.fields.Projects.map((p: { name: string }) => p.name)).toEqual(["Public"]);
    const asOwner = (await owner.get(`/tables/${tasks}/rows/${taskId}`)).body.fields.Projects.map((p: { name: string }) => p.name);
    expect(asOwner.sort()).toEqual(["Public", "Secret"]);
  });

  test("writing a link whose other side is read-only for the writer is refused", async () => {
    const db = await getDb();
    const inverse = await fieldId(projects, "Tasks");
    await db.execute(sql`update tables set rules = ${JSON.stringify({ fields: { [inverse]: { editor: "read_only" } }, rows: {} })}::jsonb where id = ${projects}`);
    try {
      const res = await editor.patch(`/tables/${tasks}/rows/${taskId}`, { fields: { Projects: [] } });
      expect(res.status).toBe(403);
    } finally {
      await db.execute(sql`update tables set rules = ${JSON.stringify({ fields: {}, rows: { editor: { field: "Open", op: "eq", value: true } } })}::jsonb where id = ${projects}`);
    }
  });

  test("a link is hidden when the linked table hides its primary field (a formula over a hidden field)", async () => {
    const db = await getDb();
    const budget = await fieldId(projects, "Budget");
    const label = (await owner.post(`/tables/${projects}/fields`, { name: "Label", type: "formula", options: { formula: "{Name} & ' costs ' & {Budget}" } })).body.id;
    await db.execute(sql`update tables set primary_field_id = ${label}, rules = ${JSON.stringify({ fields: { [budget]: { editor: "hidden" } }, rows: {} })}::jsonb where id = ${projects}`);
    try {
      const [row] = (await editor.get(`/tables/${tasks}/rows`)).body.rows;
      expect(Object.keys(row.fields)).not.toContain("Projects");
      expect(Object.keys(row.fields)).not.toContain("Names");
      expect(JSON.stringify(row)).not.toContain("costs");
    } finally {
      await db.execute(sql`update tables set primary_field_id = ${await fieldId(projects, "Name")}, rules = ${JSON.stringify({ fields: {}, rows: { editor: { field: "Open", op: "eq", value: true } } })}::jsonb where id = ${projects}`);
    }
  });
});

