import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb, rowsOf } from "@/server/db";
import { auditLog } from "@/server/db/schema";
import { publicFormDefinition, publicFormForPage, submitPublicForm } from "@/server/rest/public-views";
import { type Agent, teamWithBase } from "@/test/fixtures";
import { expectErrorShape } from "@/test/rest-agent";

let owner: Agent;
let editor: Agent;
let viewer: Agent;
let workspaceId: string;
let baseId: string;

beforeAll(async () => void ({ owner, editor, viewer, workspaceId, baseId } = await teamWithBase()));

type Table = { id: string; fields: Array<{ id: string; name: string }> };

async function tableWith(rows: Array<Record<string, unknown>>) {
  const res = await owner.post("/tables", {
    baseId,
    name: `T ${Math.random()}`,
    fields: [
      { name: "Name", type: "text" },
      { name: "Qty", type: "number" },
      { name: "Notes", type: "long_text" },
      { name: "Status", type: "single_select", options: { choices: [{ name: "Todo" }, { name: "Doing" }, { name: "Done" }] } },
      { name: "Start", type: "date" },
      { name: "End", type: "date" },
      { name: "Photo", type: "attachment" },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const table = res.body as Table;
  if (rows.length) {
    const created = await editor.post(`/tables/${table.id}/rows`, { rows: rows.map((fields) => ({ fields })) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
  return table;
}

async function view(tableId: string, settings: Record<string, unknown>) {
  const res = await editor.post("/views", { tableId, name: "V", ...settings });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const names = (rows: Array<{ fields: Record<string, unknown> }>) => rows.map((r) => r.fields.Name);

describe("view data", () => {
  test("the request's filter narrows the view's; hidden fields are not shown and cannot be filtered on", async () => {
    const table = await tableWith([
      { Name: "a", Qty: 1, Status: "Todo", Notes: "x" },
      { Name: "b", Qty: 5, Status: "Todo", Notes: "x" },
      { Name: "c", Qty: 7, Status: "Done", Notes: "x" },
      { Name: "d", Qty: 9, Status: "Todo", Notes: "x" },
    ]);
    const v = await view(table.id, { type: "grid", filter: { field: "Qty", op: "gt", value: 1 }, sort: [{ field: "Name", dir: "desc" }], hiddenFields: ["Notes"] });
    const all = await viewer.get(`/views/${v.id}/data`);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(names(all.body.rows)).toEqual(["d", "c", "b"]);
    expect(all.body.rows[0].fields).not.toHaveProperty("Notes");
    expect(all.body.nextCursor).toBeNull();

    const narrowed = await viewer.get(`/views/${v.id}/data?filter=${q({ field: "Status", op: "eq", value: "Todo" })}`);
    expect(names(narrowed.body.rows)).toEqual(["d", "b"]);
    // An OR in the request cannot widen the view.
    const widened = await viewer.get(`/views/${v.id}/data?filter=${q({ or: [{ field: "Qty", op: "lt", value: 100 }, { field: "Name", op: "eq", value: "a" }] })}`);
    expect(names(widened.body.rows)).toEqual(["d", "c", "b"]);
    // A request sort replaces the view's; pages follow it.
    const page = await viewer.get(`/views/${v.id}/data?sort=${q([{ field: "Qty", dir: "asc" }])}&limit=2`);
    expect(names(page.body.rows)).toEqual(["b", "c"]);
    const next = await viewer.get(`/views/${v.id}/data?sort=${q([{ field: "Qty", dir: "asc" }])}&limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    expect(names(next.body.rows)).toEqual(["d"]);
    // A grid's jump: an offset into the view, with its row count.
    const jumped = await viewer.get(`/views/${v.id}/data?offset=1&limit=1&withTotal=true`);
    expect(names(jumped.body.rows)).toEqual(["c"]);
    expect(jumped.body.total).toBe(3);

    expectErrorShape(await viewer.get(`/views/${v.id}/data?filter=${q({ field: "Notes", op: "eq", value: "x" })}`), 400);
    expectErrorShape(await viewer.get(`/views/${v.id}/data?sort=${q([{ field: "Notes" }])}`), 400);
  });

  test("group fields sort first", async () => {
    const table = await tableWith([
      { Name: "a", Status: "Done" },
      { Name: "b", Status: "Todo" },
      { Name: "c", Status: "Doing" },
      { Name: "d", Status: "Todo" },
    ]);
    const v = await view(table.id, { type: "grid", groupBy: ["Status"], sort: [{ field: "Name", dir: "desc" }] });
    expect(names((await viewer.get(`/views/${v.id}/data`)).body.rows)).toEqual(["d", "b", "c", "a"]);
  });

  test("kanban stacks: every choice in order, then the empty stack, with counts", async () => {
    const table = await tableWith([
      { Name: "a", Status: "Todo", Qty: 2 },
      { Name: "b", Status: "Todo", Qty: 1 },
      { Name: "c", Status: "Done", Qty: 3 },
      { Name: "d", Qty: 4 },
      { Name: "e", Status: "Todo", Qty: 0 },
    ]);
    const v = await view(table.id, { type: "kanban", config: { stackFieldId: "Status" }, sort: [{ field: "Qty" }], hiddenFields: ["Status"] });
    const res = await viewer.get(`/views/${v.id}/data?groups=1&limit=2`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.groups.map((g: { key: unknown; count: number }) => [g.key, g.count])).toEqual([
      ["Todo", 3],
      ["Doing", 0],
      ["Done", 1],
      [null, 1],
    ]);
    expect(names(res.body.groups[0].rows)).toEqual(["e", "b"]);
    expect(res.body.groups[0].rows[0].fields).not.toHaveProperty("Status");
    const narrowed = await viewer.get(`/views/${v.id}/data?groups=1&filter=${q({ field: "Qty", op: "gte", value: 2 })}`);
    expect(narrowed.body.groups.map((g: { count: number }) => g.count)).toEqual([1, 0, 1, 1]);
    // Without groups, a kanban answers rows like any view.
    expect((await viewer.get(`/views/${v.id}/data`)).body.rows).toHaveLength(5);
  });

  test("kanban stacks by a text field: a stack per value present, in order, then the empty stack", async () => {
    const table = await tableWith([
      { Name: "zed", Qty: 1 },
      { Name: "amy", Qty: 2 },
      { Name: "zed", Qty: 3 },
      { Qty: 4 },
    ]);
    const v = await view(table.id, { type: "kanban", config: { stackFieldId: "Name" }, sort: [{ field: "Qty", dir: "desc" }] });
    const res = await viewer.get(`/views/${v.id}/data?groups=1&limit=5`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.groups.map((g: { key: unknown; count: number }) => [g.key, g.count])).toEqual([
      ["amy", 1],
      ["zed", 2],
      [null, 1],
    ]);
    expect(res.body.groups[1].rows.map((r: { fields: { Qty: number } }) => r.fields.Qty)).toEqual([3, 1]);
    // A number field does not stack.
    expect((await editor.post("/views", { tableId: table.id, name: "V", type: "kanban", config: { stackFieldId: "Qty" } })).status).toBe(400);
  });

  test("calendar: rows on a day of the window, or whose span meets it", async () => {
    const table = await tableWith([
      { Name: "before", Start: "2026-02-27" },
      { Name: "first", Start: "2026-03-01" },
      { Name: "mid", Start: "2026-03-15" },
      { Name: "last", Start: "2026-03-31" },
      { Name: "after", Start: "2026-04-01" },
      { Name: "across", Start: "2026-02-20", End: "2026-03-02" },
      { Name: "undated" },
    ]);
    const day = await view(table.id, { type: "calendar", config: { dateFieldId: "Start" }, sort: [{ field: "Start" }] });
    const march = await viewer.get(`/views/${day.id}/data?from=2026-03-01&to=2026-03-31`);
    expect(march.status, JSON.stringify(march.body)).toBe(200);
    expect(names(march.body.rows)).toEqual(["first", "mid", "last"]);
    const spans = await view(table.id, { type: "calendar", config: { dateFieldId: "Start", endDateFieldId: "End" }, sort: [{ field: "Start" }] });
    expect(names((await viewer.get(`/views/${spans.id}/data?from=2026-03-01&to=2026-03-31`)).body.rows)).toEqual(["across", "first", "mid", "last"]);
    expectErrorShape(await viewer.get(`/views/${day.id}/data?from=2026-03-31&to=2026-03-01`), 400);
    expectErrorShape(await viewer.get(`/views/${day.id}/data?from=March`), 400);
  });

  test("timeline: rows whose start..end overlaps the window", async () => {
    const table = await tableWith([
      { Name: "inside", Start: "2026-03-05", End: "2026-03-10" },
      { Name: "overlaps start", Start: "2026-02-25", End: "2026-03-01" },
      { Name: "overlaps end", Start: "2026-03-31", End: "2026-04-09" },
      { Name: "covers", Start: "2026-01-01", End: "2026-12-31" },
      { Name: "ends before", Start: "2026-02-01", End: "2026-02-28" },
      { Name: "starts after", Start: "2026-04-01", End: "2026-04-02" },
    ]);
    const v = await view(table.id, { type: "timeline", config: { startFieldId: "Start", endFieldId: "End" }, sort: [{ field: "Start" }] });
    const res = await viewer.get(`/views/${v.id}/data?from=2026-03-01&to=2026-03-31`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(names(res.body.rows)).toEqual(["covers", "overlaps start", "inside", "overlaps end"]);
  });

  test("gallery: each row with its cover, the first file of the cover field", async () => {
    const upload = async (name: string) => {
      const res = await editor.upload(`/files?workspaceId=${workspaceId}&name=${name}`, "png-bytes", "image/png");
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const [one, two] = [await upload("one.png"), await upload("two.png")];
    const table = await tableWith([{ Name: "with", Photo: [one, two] }, { Name: "without" }]);
    const v = await view(table.id, { type: "gallery", config: { coverFieldId: "Photo" }, sort: [{ field: "Name" }], hiddenFields: ["Photo"] });
    const res = await viewer.get(`/views/${v.id}/data`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows[0]).toMatchObject({ fields: { Name: "with" }, cover: { id: one, name: "one.png", url: `/api/v1/files/${one}` } });
    expect(res.body.rows[0].fields).not.toHaveProperty("Photo");
    expect(res.body.rows[1].cover).toBeNull();
  });
});

describe("forms", () => {
  async function formTable() {
    const table = await tableWith([]);
    const form = await view(table.id, {
      type: "form",
      config: { title: "Order", fields: [{ fieldId: "Name", required: true, label: "Your name" }, { fieldId: "Qty" }, { fieldId: "Status" }] },
    });
    return { table, form };
  }

  test("a submission: only the form's fields, the required ones filled in, values checked; then the row is there", async () => {
    const { table, form } = await formTable();
    const missing = await editor.post(`/views/${form.id}/submit`, { fields: { Qty: 2 } });
    expectErrorShape(missing, 400);
    expect(missing.body.error.message).toContain("Your name");
    const blank = await editor.post(`/views/${form.id}/submit`, { fields: { Name: "  " } });
    expectErrorShape(blank, 400);
    const extra = await editor.post(`/views/${form.id}/submit`, { fields: { Name: "x", Notes: "sneaky" } });
    expectErrorShape(extra, 400);
    expect(extra.body.error.message).toContain("Notes");
    const bad = await editor.post(`/views/${form.id}/submit`, { fields: { Name: "x", Qty: "lots" } });
    expectErrorShape(bad, 400);
    expect(bad.body.error.message).toContain("Qty");
    expectErrorShape(await viewer.post(`/views/${form.id}/submit`, { fields: { Name: "x" } }), 403);

    const ok = await editor.post(`/views/${form.id}/submit`, { fields: { Name: "Ada", Qty: 3, Status: "Doing" } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    // The answer holds the form's fields and nothing else.
    expect(ok.body.row.fields).toEqual({ Name: "Ada", Qty: 3, Status: "Doing" });
    const rows = await viewer.get(`/tables/${table.id}/rows`);
    expect(rows.body.rows.map((r: { id: string; fields: { Name: string } }) => [r.id, r.fields.Name])).toEqual([[ok.body.row.id, "Ada"]]);
    // Only a form takes submissions.
    const grid = (await editor.get(`/views?tableId=${table.id}`)).body.views[0];
    expectErrorShape(await editor.post(`/views/${grid.id}/submit`, { fields: { Name: "x" } }), 400);
  });

  test("a question carries what its input needs to read an answer (a zone, a symbol), never other settings of the field", async () => {
    const res = await owner.post("/tables", {
      baseId,
      name: `Options ${Math.random()}`,
      fields: [
        { name: "Name", type: "text" },
        { name: "Due", type: "datetime", options: { timeZone: "Europe/Paris" } },
        { name: "Price", type: "currency", options: { symbol: "€", precision: 2 } },
        { name: "Score", type: "rating", options: { max: 10 } },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const form = await view(res.body.id, { type: "form", config: { fields: [{ fieldId: "Due" }, { fieldId: "Price" }, { fieldId: "Score" }] } });
    const definition = await editor.get(`/views/${form.id}/form`);
    expect(definition.status, JSON.stringify(definition.body)).toBe(200);
    expect(definition.body.fields.map((f: { options: unknown }) => f.options)).toEqual([
      { timeZone: "Europe/Paris" },
      { symbol: "€", precision: 2 },
      { max: 10 },
    ]);
  });

  test("a public form: its questions and a submission, signed out; the row has no creator", async () => {
    const { table, form } = await formTable();
    const publicRequest = (slug: string, method: string, body?: unknown) =>
      new Request(`http://tessera.test/public/forms/${slug}/submission`, {
        method,
        headers: { "x-forwarded-for": "203.0.113.9", ...(body !== undefined && { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // Not published yet.
    expect((await publicFormDefinition(publicRequest("order-form", "GET"), "order-form")).status).toBe(404);
    expect(await publicFormForPage("order-form")).toBeNull();
    const published = await owner.post(`/views/${form.id}/api`, { enabled: true, auth: "public", slug: "order-form" });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.url).toBe("http://tessera.test/public/forms/order-form");

    const definition = await publicFormDefinition(publicRequest("order-form", "GET"), "order-form");
    expect(definition.status).toBe(200);
    const body = await definition.json();
    expect(body).toMatchObject({ title: "Order", submitLabel: "Submit" });
    expect(body.fields.map((f: { name: string; label: string; type: string; required: boolean }) => [f.name, f.label, f.type, f.required])).toEqual([
      ["Name", "Your name", "text", true],
      ["Qty", "Qty", "number", false],
      ["Status", "Status", "single_select", false],
    ]);
    expect(body.fields[2].choices.map((c: { name: string }) => c.name)).toEqual(["Todo", "Doing", "Done"]);
    expect(JSON.stringify(body)).not.toContain("Notes");
    // The page people open at the published URL asks the same questions.
    expect((await publicFormForPage("order-form"))?.fields.map((f) => f.label)).toEqual(["Your name", "Qty", "Status"]);

    const refused = await submitPublicForm(publicRequest("order-form", "POST", { fields: { Qty: 1 } }), "order-form");
    expect(refused.status).toBe(400);
    const submitted = await submitPublicForm(publicRequest("order-form", "POST", { fields: { Name: "Anon", Qty: 1 } }), "order-form");
    expect(submitted.status).toBe(201);
    const { row } = await submitted.json();
    expect(row.fields).toMatchObject({ Name: "Anon", Qty: 1 });

    const db = await getDb();
    const [stored] = rowsOf<{ created_by: string | null }>(await db.execute(sql`select created_by from ${sql.identifier(`ws_${workspaceId}`)}.${sql.identifier(`t_${table.id}`)} where id = ${row.id}`));
    expect(stored!.created_by).toBeNull();
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "row.create"), eq(auditLog.resourceId, `${table.id}:${row.id}`)));
    expect(audit).toMatchObject({ userId: null, tokenId: null });
    expect((await viewer.get(`/tables/${table.id}/rows`)).body.rows).toHaveLength(1);

    // A form is not a data API, and a disabled form is gone.
    await owner.post(`/views/${form.id}/api`, { enabled: false, auth: "public" });
    expect((await publicFormDefinition(publicRequest("order-form", "GET"), "order-form")).status).toBe(404);
    expect((await submitPublicForm(publicRequest("order-form", "POST", { fields: { Name: "Late" } }), "order-form")).status).toBe(404);
    expect(await publicFormForPage("order-form")).toBeNull();
  });
});
