import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb, rowsOf } from "@/server/db";
import { auditLog } from "@/server/db/schema";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let editor: Agent;
let workspaceId: string;
let baseId: string;

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  editor = await signedUpAgent("editor");
  workspaceId = (await workspaceWith(owner.user, [[editor.user, "editor"]])).id;
  baseId = (await owner.post("/bases", { workspaceId, name: "Base" })).body.id;
});

const everyType = [
  { name: "Name", type: "text" },
  { name: "Notes", type: "long_text" },
  { name: "Qty", type: "number" },
  { name: "Weight", type: "number", options: { precision: 2 } },
  { name: "Price", type: "currency", options: { symbol: "€" } },
  { name: "Share", type: "percent" },
  { name: "Done", type: "boolean" },
  { name: "Due", type: "date" },
  { name: "Meeting", type: "datetime", options: { timeZone: "Europe/Paris" } },
  { name: "Status", type: "single_select", options: { choices: [{ name: "Todo" }, { name: "Doing", color: "blue" }, { name: "Done" }] } },
  { name: "Tags", type: "multi_select", options: { choices: [{ name: "red" }, { name: "green" }, { name: "blue" }] } },
  { name: "Email", type: "email" },
  { name: "Site", type: "url" },
  { name: "Phone", type: "phone" },
  { name: "Stars", type: "rating", options: { max: 5 } },
  { name: "Progress", type: "progress" },
  { name: "Time", type: "duration" },
  { name: "No", type: "autonumber" },
  { name: "Created", type: "created_time" },
  { name: "Author", type: "created_by" },
  { name: "Modified", type: "last_modified_time" },
  { name: "Editor", type: "last_modified_by" },
];

async function newTable(fields = everyType) {
  const res = await owner.post("/tables", { baseId, name: `T ${Math.random()}`, fields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; fields: Array<{ id: string; name: string; type: string; options: any }>; primaryFieldId: string };
}

const goodValues = {
  Name: `It's "quoted"; drop table x; -- $1 \\ 🎉`,
  Notes: "line one\nline two",
  Qty: 42,
  Weight: 1.25,
  Price: 19.99,
  Share: 0.5,
  Done: true,
  Due: "2026-02-28",
  Meeting: "2026-03-01T09:30:00.000Z",
  Status: "Doing",
  Tags: ["green", "red"],
  Email: "ada@example.com",
  Site: "https://example.com/a?b=c",
  Phone: "+44 20 7946 0958",
  Stars: 4,
  Progress: 70,
  Time: 5400,
};

describe("tables", () => {
  test("a table is a real PostgreSQL table in the workspace's schema, a column per field", async () => {
    const table = await newTable();
    expect(table.primaryFieldId).toBe(table.fields[0]!.id);
    const db = await getDb();
    const columns = rowsOf<{ column_name: string; data_type: string }>(
      await db.execute(sql`select column_name, data_type from information_schema.columns
        where table_schema = ${`ws_${workspaceId}`} and table_name = ${`t_${table.id}`}`),
    );
    const typeOf = (name: string) => columns.find((c) => c.column_name === `f_${table.fields.find((f) => f.name === name)!.id}`)?.data_type;
    expect(typeOf("Qty")).toBe("numeric");
    expect(typeOf("Done")).toBe("boolean");
    expect(typeOf("Due")).toBe("date");
    expect(typeOf("Meeting")).toBe("timestamp with time zone");
    expect(typeOf("Tags")).toBe("ARRAY");
    expect(typeOf("No")).toBe("bigint");
    expect(typeOf("Created")).toBeUndefined();
    expect(columns.map((c) => c.column_name)).toEqual(expect.arrayContaining(["id", "version", "created_at", "updated_at", "created_by", "updated_by"]));
  });

  test("a bad field definition creates nothing", async () => {
    const before = (await owner.get(`/tables?baseId=${baseId}`)).body.tables.length;
    expectErrorShape(await owner.post("/tables", { baseId, name: "Bad", fields: [{ name: "A", type: "text" }, { name: "B", type: "nope" }] }), 400);
    expectErrorShape(await owner.post("/tables", { baseId, name: "Bad", fields: [{ name: "A", type: "text" }, { name: "a", type: "text" }] }), 409);
    expectErrorShape(await owner.post("/tables", { baseId, name: "Bad", fields: [{ name: "Stars", type: "rating", options: { max: 99 } }] }), 400);
    expect((await owner.get(`/tables?baseId=${baseId}`)).body.tables.length).toBe(before);
  });

  test("editors and viewers cannot create or alter tables", async () => {
    const table = await newTable([{ name: "Name", type: "text" }]);
    expectErrorShape(await editor.post("/tables", { baseId, name: "Mine" }), 403);
    expectErrorShape(await editor.post(`/tables/${table.id}/fields`, { name: "X", type: "text" }), 403);
    expect((await editor.get(`/tables/${table.id}`)).status).toBe(200);
  });
});

describe("rows of every field type", () => {
  test("valid values round-trip through the API", async () => {
    const table = await newTable();
    const created = await editor.post(`/tables/${table.id}/rows`, { rows: [{ fields: goodValues }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const row = created.body.rows[0];
    expect(row.fields).toMatchObject(goodValues);
    expect(row.fields.No).toBe(1);
    expect(row.fields.Author).toEqual({ id: editor.user.id, name: "editor" });
    expect(row.fields.Created).toBe(row.createdAt);
    expect(row.version).toBe(1);
    const read = await owner.get(`/tables/${table.id}/rows/${row.id}`);
    expect(read.body).toEqual(row);
    const byId = await owner.get(`/tables/${table.id}/rows/${row.id}?fieldKey=id`);
    expect(byId.body.fields[table.fields.find((f) => f.name === "Qty")!.id]).toBe(42);
  });

  test("empty values read back as empty", async () => {
    const table = await newTable();
    const created = await editor.post(`/tables/${table.id}/rows`, { rows: [{ fields: {} }] });
    expect(created.body.rows[0].fields).toMatchObject({ Name: null, Qty: null, Done: false, Due: null, Status: null, Tags: [] });
  });

  test.each([
    ["Qty", "twelve", "expected a number"],
    ["Done", "yes", "expected true or false"],
    ["Due", "2026-02-30", "YYYY-MM-DD"],
    ["Meeting", "next tuesday", "ISO 8601"],
    ["Status", "Blocked", "not one of the choices"],
    ["Tags", ["green", "purple"], "not one of the choices"],
    ["Email", "not-an-email", "not an email address"],
    ["Site", "javascript:alert(1)", "http(s) URL"],
    ["Phone", "call me", "not a phone number"],
    ["Stars", 6, "between 0 and 5"],
    ["Progress", 50.5, "whole number"],
    ["Time", -1, "at least 0"],
    ["Name", "two\nlines", "line breaks"],
    ["No", 7, "computed"],
    ["Created", "2026-01-01T00:00:00Z", "computed"],
    ["Nope", 1, "Unknown field"],
  ])("a bad value for %s is refused with 400 naming the field", async (field, value, message) => {
    const table = await newTable();
    const res = await editor.post(`/tables/${table.id}/rows`, { rows: [{ fields: { Name: "ok" } }, { fields: { [field]: value } }] });
    expectErrorShape(res, 400);
    expect(res.body.error.message).toContain(field);
    expect(res.body.error.message).toContain(message);
    expect((await owner.get(`/tables/${table.id}/rows`)).body.rows).toEqual([]);
  });
});

describe("batches", () => {
  test("create, update and delete up to 1000 rows at once, all or nothing", async () => {
    const table = await newTable([{ name: "Name", type: "text" }, { name: "N", type: "number" }]);
    const rows = Array.from({ length: 1000 }, (_, i) => ({ fields: { Name: `r${i}`, N: i } }));
    const created = await editor.post(`/tables/${table.id}/rows`, { rows });
    expect(created.status).toBe(201);
    expect(created.body.rows).toHaveLength(1000);
    expectErrorShape(await editor.post(`/tables/${table.id}/rows`, { rows: [...rows, { fields: {} }] }), 400);

    const ids: string[] = created.body.rows.map((r: { id: string }) => r.id);
    const updated = await editor.patch(`/tables/${table.id}/rows`, { rows: ids.slice(0, 500).map((id) => ({ id, fields: { N: -1 } })) });
    expect(updated.status).toBe(200);
    expect(updated.body.rows.every((r: { fields: { N: number }; version: number }) => r.fields.N === -1 && r.version === 2)).toBe(true);
    // One bad row refuses the whole batch.
    const bad = await editor.patch(`/tables/${table.id}/rows`, { rows: [{ id: ids[600], fields: { N: 1 } }, { id: ids[601], fields: { N: "x" } }] });
    expectErrorShape(bad, 400);
    expect((await owner.get(`/tables/${table.id}/rows/${ids[600]}`)).body.fields.N).toBe(600);

    const deleted = await editor.delete(`/tables/${table.id}/rows`, { ids: ids.slice(0, 10) });
    expect(deleted.body).toEqual({ deleted: 10 });
    expectErrorShape(await owner.get(`/tables/${table.id}/rows/${ids[0]}`), 404);

    let count = 0;
    let cursor: string | null = null;
    do {
      const page = await owner.get(`/tables/${table.id}/rows?limit=300${cursor ? `&cursor=${cursor}` : ""}`);
      count += page.body.rows.length;
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(count).toBe(990);
  });
});

describe("cell-level conflicts", () => {
  test("two clients editing different cells of one row both succeed", async () => {
    const table = await newTable([{ name: "Name", type: "text" }, { name: "N", type: "number" }]);
    const [row] = (await editor.post(`/tables/${table.id}/rows`, { rows: [{ fields: { Name: "a", N: 1 } }] })).body.rows;
    const first = await editor.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { Name: "b" }, expected: { Name: "a" } });
    const second = await owner.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { N: 2 }, expected: { N: 1 } });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.fields).toMatchObject({ Name: "b", N: 2 });
    expect(second.body.version).toBe(3);
  });

  test("a stale edit of the same cell gets 409 with the current row, and the first value stays", async () => {
    const table = await newTable([{ name: "Name", type: "text" }, { name: "Status", type: "single_select", options: { choices: [{ name: "A" }, { name: "B" }] } }]);
    const [row] = (await editor.post(`/tables/${table.id}/rows`, { rows: [{ fields: { Name: "a", Status: "A" } }] })).body.rows;
    expect((await editor.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { Name: "mine" }, expected: { Name: "a" } })).status).toBe(200);
    const stale = await owner.patch(`/tables/${table.id}/rows`, { rows: [{ id: row.id, fields: { Name: "theirs" }, expected: { Name: "a" } }] });
    expectErrorShape(stale, 409);
    expect(stale.body.error.code).toBe("CONFLICT");
    expect(stale.body.error.details.rows[0].fields.Name).toBe("mine");
    expect((await owner.get(`/tables/${table.id}/rows/${row.id}`)).body.fields.Name).toBe("mine");
    // Expected values compare as the API shows them (choice names).
    expect((await owner.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { Status: "B" }, expected: { Status: "A" } })).status).toBe(200);
  });

  test("concurrent compare-and-set on one cell: exactly one wins", async () => {
    const table = await newTable([{ name: "Name", type: "text" }]);
    const [row] = (await editor.post(`/tables/${table.id}/rows`, { rows: [{ fields: { Name: "start" } }] })).body.rows;
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => editor.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { Name: `v${i}` }, expected: { Name: "start" } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
  });
});

describe("fields", () => {
  test("renaming a select choice carries stored values; removing one clears them", async () => {
    const table = await newTable([{ name: "Name", type: "text" }, { name: "Status", type: "single_select", options: { choices: [{ name: "Todo" }, { name: "Done" }] } }, { name: "Tags", type: "multi_select", options: { choices: [{ name: "x" }, { name: "y" }] } }]);
    const [row] = (await editor.post(`/tables/${table.id}/rows`, { rows: [{ fields: { Status: "Todo", Tags: ["x", "y"] } }] })).body.rows;
    const status = table.fields.find((f) => f.name === "Status")!;
    const renamed = status.options.choices.map((c: { id: string; name: string }) => (c.name === "Todo" ? { ...c, name: "To do" } : c));
    expect((await owner.patch(`/tables/${table.id}/fields/${status.id}`, { options: { choices: renamed } })).status).toBe(200);
    expect((await owner.get(`/tables/${table.id}/rows/${row.id}`)).body.fields.Status).toBe("To do");
    const tags = table.fields.find((f) => f.name === "Tags")!;
    await owner.patch(`/tables/${table.id}/fields/${tags.id}`, { options: { choices: tags.options.choices.filter((c: { name: string }) => c.name !== "x") } });
    expect((await owner.get(`/tables/${table.id}/rows/${row.id}`)).body.fields.Tags).toEqual(["y"]);
  });

  test("adding a field adds a column; existing rows get an autonumber; deleting moves it out of sight", async () => {
    const table = await newTable([{ name: "Name", type: "text" }]);
    await editor.post(`/tables/${table.id}/rows`, { rows: [{ fields: { Name: "a" } }, { fields: { Name: "b" } }] });
    const added = await owner.post(`/tables/${table.id}/fields`, { name: "No", type: "autonumber" });
    expect(added.status).toBe(201);
    const rows = (await owner.get(`/tables/${table.id}/rows`)).body.rows;
    expect(rows.map((r: { fields: { No: number } }) => r.fields.No)).toEqual([1, 2]);
    expect((await owner.delete(`/tables/${table.id}/fields/${added.body.id}`)).status).toBe(204);
    expect((await owner.get(`/tables/${table.id}/rows`)).body.rows[0].fields).toEqual({ Name: "a" });
    expectErrorShape(await owner.delete(`/tables/${table.id}/fields/${table.primaryFieldId}`), 400);
  });
});

describe("isolation and audit", () => {
  test("another workspace's table cannot be read or written, whatever ids are sent", async () => {
    const table = await newTable([{ name: "Name", type: "text" }]);
    const [row] = (await editor.post(`/tables/${table.id}/rows`, { rows: [{ fields: { Name: "secret" } }] })).body.rows;
    const stranger = await signedUpAgent("stranger");
    const theirs = (await stranger.post("/workspaces", { name: "Theirs" })).body.id;
    const theirBase = (await stranger.post("/bases", { workspaceId: theirs, name: "B" })).body.id;
    expectErrorShape(await stranger.get(`/tables/${table.id}/rows`), 404);
    expectErrorShape(await stranger.get(`/tables/${table.id}/rows/${row.id}`), 404);
    expectErrorShape(await stranger.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { Name: "pwned" } }), 404);
    expectErrorShape(await stranger.delete(`/tables/${table.id}/rows`, { ids: [row.id] }), 404);
    expectErrorShape(await stranger.post("/tables", { baseId, name: "In yours" }), 404);
    // Their own base with our table id still resolves to our workspace.
    expectErrorShape(await stranger.post(`/tables/${table.id}/fields`, { baseId: theirBase, name: "X", type: "text" }), 404);
    expect((await owner.get(`/tables/${table.id}/rows/${row.id}`)).body.fields.Name).toBe("secret");
  });

  test("every row mutation is audited with before and after", async () => {
    const table = await newTable([{ name: "Name", type: "text" }]);
    const [row] = (await editor.post(`/tables/${table.id}/rows`, { rows: [{ fields: { Name: "a" } }] })).body.rows;
    await editor.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { Name: "b" } });
    await editor.delete(`/tables/${table.id}/rows/${row.id}`);
    const db = await getDb();
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.resourceId, `${table.id}:${row.id}`)));
    const byAction = Object.fromEntries(entries.map((e) => [e.action, e]));
    const name = table.primaryFieldId;
    expect(byAction["row.create"]).toMatchObject({ userId: editor.user.id, after: { [name]: "a" } });
    expect(byAction["row.update"]).toMatchObject({ before: { [name]: "a" }, after: { [name]: "b" } });
    expect(byAction["row.delete"]).toMatchObject({ before: { [name]: "b" } });
  });
});
