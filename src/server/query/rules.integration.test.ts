import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/server/db";
import { type Agent, teamWithBase } from "@/test/fixtures";
import { expectErrorShape, type RestResult } from "@/test/rest-agent";

/**
 * Field and row rules (src/lib/query/table-rules.ts), set directly in the
 * database as an admin's settings page would store them, seen through REST
 * by each role: rows outside a row rule do not exist for the reader (list,
 * get, search, totals, writes), hidden fields do not exist (answers,
 * filters, sorts, search, fields computed from them), read-only fields are
 * read but not written. Owners are never limited.
 */

let owner: Agent;
let editor: Agent;
let viewer: Agent;
let baseId: string;

type Table = { id: string; fields: Array<{ id: string; name: string; type: string }> };
let main: Table;
let other: Table;
const fieldId = (table: Table, name: string) => table.fields.find((f) => f.name === name)!.id;
let ids: Record<"mine" | "mineToo" | "editors" | "nobody" | "editorsToo", string>;

async function setRules(table: Table, rules: unknown) {
  const db = await getDb();
  await db.execute(sql`update tables set rules = ${JSON.stringify(rules)}::jsonb where id = ${table.id}`);
}

beforeAll(async () => {
  ({ owner, editor, viewer, baseId } = await teamWithBase());
  other = (await owner.post("/tables", { baseId, name: "Other", fields: [{ name: "Name", type: "text" }, { name: "Code", type: "text" }] })).body;
  const otherRows = (await owner.post(`/tables/${other.id}/rows`, { rows: [{ fields: { Name: "o1", Code: "code-xyzzy" } }] })).body.rows;
  const created = await owner.post("/tables", {
    baseId,
    name: "Main",
    fields: [
      { name: "Name", type: "text" },
      { name: "Owner", type: "user" },
      { name: "Secret", type: "text" },
      { name: "Locked", type: "number" },
      { name: "Author", type: "created_by" },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const link = await owner.post(`/tables/${created.body.id}/fields`, { name: "Link", type: "link", options: { tableId: other.id } });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  for (const input of [
    { name: "Other code", type: "lookup", options: { linkFieldId: link.body.id, fieldId: fieldId(other, "Code") } },
    { name: "Other name", type: "lookup", options: { linkFieldId: link.body.id, fieldId: fieldId(other, "Name") } },
  ]) {
    expect((await owner.post(`/tables/${created.body.id}/fields`, input)).status).toBe(201);
  }
  main = (await owner.get(`/tables/${created.body.id}`)).body;
  const rows = (
    await owner.post(`/tables/${main.id}/rows`, {
      rows: [
        { fields: { Name: "shared-term one", Owner: viewer.user.id, Secret: "plover", Locked: 1, Link: [otherRows[0].id] } },
        { fields: { Name: "two", Owner: viewer.user.id, Secret: "x", Locked: 2 } },
        { fields: { Name: "shared-term three", Owner: editor.user.id, Secret: "y", Locked: 3 } },
        { fields: { Name: "four plover", Secret: "z", Locked: 4 } },
        { fields: { Name: "five", Owner: editor.user.id, Locked: 5 } },
      ],
    })
  ).body.rows;
  ids = { mine: rows[0].id, mineToo: rows[1].id, editors: rows[2].id, nobody: rows[3].id, editorsToo: rows[4].id };
});

afterEach(async () => {
  await setRules(main, {});
  await setRules(other, {});
});

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const idsOf = (res: RestResult) => {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.rows as Array<{ id: string }>).map((r) => r.id).sort((a, b) => Number(a) - Number(b));
};
const listIds = (agent: Agent, query = "") => agent.get(`/tables/${main.id}/rows?withTotal=true${query}`).then(idsOf);
const total = async (agent: Agent, query = "") => (await agent.get(`/tables/${main.id}/rows?withTotal=true&limit=1${query}`)).body.total;

describe("row rules", () => {
  test("a viewer sees only rows whose Owner is them: list, get, search, filter and total", async () => {
    await setRules(main, { rows: { viewer: { field: "Owner", op: "has_any_of", value: ["$me"] } } });
    expect(await listIds(viewer)).toEqual([ids.mine, ids.mineToo]);
    expect(await total(viewer)).toBe(2);
    expect((await viewer.get(`/tables/${main.id}/rows/${ids.mine}`)).status).toBe(200);
    expectErrorShape(await viewer.get(`/tables/${main.id}/rows/${ids.editors}`), 404);
    expectErrorShape(await viewer.get(`/tables/${main.id}/rows/${ids.nobody}`), 404);
    expect(await listIds(viewer, "&search=shared-term")).toEqual([ids.mine]);
    expect(await total(viewer, "&search=shared-term")).toBe(1);
    expect(await listIds(viewer, `&filter=${q({ field: "Locked", op: "gte", value: 2 })}`)).toEqual([ids.mineToo]);
    expect(await listIds(viewer, `&filter=${q({ or: [{ field: "Name", op: "eq", value: "five" }, { field: "Owner", op: "is_empty" }] })}`)).toEqual([]);
    // Paging does not leak the rows between pages either.
    const first = await viewer.get(`/tables/${main.id}/rows?limit=1`);
    const second = await viewer.get(`/tables/${main.id}/rows?limit=1&cursor=${first.body.nextCursor}`);
    expect([...idsOf(first), ...idsOf(second)]).toEqual([ids.mine, ids.mineToo]);
    expect(second.body.nextCursor).toBeNull();
    // The rule is per role: the editor and the owner are not limited by the viewer's rule.
    expect(await listIds(editor)).toHaveLength(5);
    expect(await total(owner)).toBe(5);
  });

  test("created-by $me: an editor sees and writes only the rows they created", async () => {
    await setRules(main, { rows: { editor: { field: "Author", op: "eq", value: "$me" } } });
    expect(await listIds(editor)).toEqual([]);
    const created = await editor.post(`/tables/${main.id}/rows`, { rows: [{ fields: { Name: "by editor" } }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const own = created.body.rows[0].id;
    expect(await listIds(editor)).toEqual([own]);
    expect((await editor.patch(`/tables/${main.id}/rows/${own}`, { fields: { Name: "renamed" } })).status).toBe(200);
    expectErrorShape(await editor.patch(`/tables/${main.id}/rows/${ids.mine}`, { fields: { Name: "hijacked" } }), 404);
    expect((await owner.get(`/tables/${main.id}/rows/${ids.mine}`)).body.fields.Name).toBe("shared-term one");
    expect((await editor.delete(`/tables/${main.id}/rows/${own}`)).status).toBeLessThan(300);
  });

  test("an editor cannot update, delete, create or move rows outside their rule", async () => {
    await setRules(main, { rows: { editor: { field: "Owner", op: "has_any_of", value: ["$me"] } } });
    expect(await listIds(editor)).toEqual([ids.editors, ids.editorsToo]);
    // Outside: not found, for updates and deletes alike (one by one and in a batch).
    expectErrorShape(await editor.patch(`/tables/${main.id}/rows/${ids.mine}`, { fields: { Name: "hijacked" } }), 404);
    expectErrorShape(await editor.patch(`/tables/${main.id}/rows`, { rows: [{ id: ids.editors, fields: { Name: "ok" } }, { id: ids.nobody, fields: { Name: "hijacked" } }] }), 404);
    expectErrorShape(await editor.delete(`/tables/${main.id}/rows/${ids.mine}`), 404);
    const batch = await editor.delete(`/tables/${main.id}/rows`, { ids: [ids.mine, ids.nobody] });
    expect(batch.status, JSON.stringify(batch.body)).toBe(200);
    expect(batch.body.deleted).toBe(0);
    // Creating a row outside the rule, or moving one out by an update, is forbidden.
    expectErrorShape(await editor.post(`/tables/${main.id}/rows`, { rows: [{ fields: { Name: "theirs", Owner: viewer.user.id } }] }), 403);
    expectErrorShape(await editor.post(`/tables/${main.id}/rows`, { rows: [{ fields: { Name: "ok" } }] }), 403);
    expectErrorShape(await editor.patch(`/tables/${main.id}/rows/${ids.editors}`, { fields: { Owner: viewer.user.id } }), 403);
    // Nothing of it happened.
    expect(await total(owner)).toBe(5);
    const rows = (await owner.get(`/tables/${main.id}/rows`)).body.rows as Array<{ id: string; fields: Record<string, any> }>;
    expect(rows.map((r) => r.fields.Name)).toEqual(["shared-term one", "two", "shared-term three", "four plover", "five"]);
    expect(rows.find((r) => r.id === ids.editors)!.fields.Owner).toEqual([{ id: editor.user.id, name: "editor" }]);
    // Inside the rule everything works.
    const made = await editor.post(`/tables/${main.id}/rows`, { rows: [{ fields: { Name: "mine", Owner: editor.user.id } }] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect((await editor.patch(`/tables/${main.id}/rows/${made.body.rows[0].id}`, { fields: { Name: "still mine" } })).status).toBe(200);
    expect((await editor.delete(`/tables/${main.id}/rows`, { ids: [made.body.rows[0].id] })).body.deleted).toBe(1);
  });

  test("owners (and admins, who set the rules) are never limited", async () => {
    const rule = { field: "Name", op: "eq", value: "nothing matches" };
    await setRules(main, { rows: { editor: rule, viewer: rule }, fields: { [fieldId(main, "Secret")]: { editor: "hidden", viewer: "hidden" }, [fieldId(main, "Locked")]: { editor: "read_only" } } });
    expect(await total(viewer)).toBe(0);
    expect(await total(owner)).toBe(5);
    expect((await owner.get(`/tables/${main.id}/rows/${ids.mine}`)).body.fields.Secret).toBe("plover");
    expect(await listIds(owner, `&filter=${q({ field: "Secret", op: "eq", value: "plover" })}`)).toEqual([ids.mine]);
    const updated = await owner.patch(`/tables/${main.id}/rows/${ids.mine}`, { fields: { Locked: 10 } });
    expect(updated.status).toBe(200);
    await owner.patch(`/tables/${main.id}/rows/${ids.mine}`, { fields: { Locked: 1 } });
  });
});

describe("hidden fields", () => {
  const hideSecret = (role: "viewer" | "editor") => setRules(main, { fields: { [fieldId(main, "Secret")]: { [role]: "hidden" } } });

  test("never appear in list or get answers, keyed by name or by id", async () => {
    await hideSecret("viewer");
    const secretId = fieldId(main, "Secret");
    for (const fieldKey of ["name", "id"]) {
      const key = fieldKey === "id" ? secretId : "Secret";
      const listed = await viewer.get(`/tables/${main.id}/rows?fieldKey=${fieldKey}`);
      expect(listed.status).toBe(200);
      for (const row of listed.body.rows) expect(row.fields).not.toHaveProperty(key);
      expect(listed.body.rows[0].fields).toHaveProperty(fieldKey === "id" ? fieldId(main, "Name") : "Name");
      const one = await viewer.get(`/tables/${main.id}/rows/${ids.mine}?fieldKey=${fieldKey}`);
      expect(one.status).toBe(200);
      expect(one.body.fields).not.toHaveProperty(key);
      expect(JSON.stringify(one.body)).not.toContain("plover\"");
    }
    // Others still see it.
    expect((await editor.get(`/tables/${main.id}/rows/${ids.mine}`)).body.fields.Secret).toBe("plover");
  });

  test("filtering, sorting, selecting or searching on it is as for an unknown field", async () => {
    await hideSecret("viewer");
    const secretId = fieldId(main, "Secret");
    for (const ref of ["Secret", secretId, "secret"]) {
      const filtered = await viewer.get(`/tables/${main.id}/rows?filter=${q({ field: ref, op: "eq", value: "plover" })}`);
      expectErrorShape(filtered, 400);
      expect(filtered.body.error.message).toContain("Unknown field");
      expect(filtered.body.error.message).toContain(ref);
      const emptiness = await viewer.get(`/tables/${main.id}/rows?filter=${q({ field: ref, op: "is_empty" })}`);
      expectErrorShape(emptiness, 400);
      expectErrorShape(await viewer.get(`/tables/${main.id}/rows?sort=${q([{ field: ref, dir: "asc" }])}`), 400);
      expectErrorShape(await viewer.get(`/tables/${main.id}/rows?fields=${q(["Name", ref])}`), 400);
    }
    // "plover" is the hidden Secret of row 1 and in the visible Name of row 4: only row 4 is found.
    expect(await listIds(viewer, "&search=plover")).toEqual([ids.nobody]);
    expect(await total(viewer, "&search=plover")).toBe(1);
    expect(await listIds(owner, "&search=plover")).toEqual([ids.mine, ids.nobody]);
    // Nor can a row rule be probed through it: the viewer's own rule may use it, their filters may not.
    await setRules(main, { fields: { [secretId]: { viewer: "hidden" } }, rows: { viewer: { field: "Secret", op: "eq", value: "plover" } } });
    expect(await listIds(viewer)).toEqual([ids.mine]);
    expect((await viewer.get(`/tables/${main.id}/rows/${ids.mine}`)).body.fields).not.toHaveProperty("Secret");
  });

  test("never appear in create and update answers, and cannot be written", async () => {
    await hideSecret("editor");
    const secretId = fieldId(main, "Secret");
    for (const fieldKey of ["name", "id"]) {
      const key = fieldKey === "id" ? secretId : "Secret";
      const created = await editor.post(`/tables/${main.id}/rows?fieldKey=${fieldKey}`, { rows: [{ fields: { Name: "new" } }] });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.rows[0].fields).not.toHaveProperty(key);
      const id = created.body.rows[0].id;
      const updated = await editor.patch(`/tables/${main.id}/rows?fieldKey=${fieldKey}`, { rows: [{ id: ids.mine, fields: { Locked: 1 } }] });
      expect(updated.status, JSON.stringify(updated.body)).toBe(200);
      expect(updated.body.rows[0].fields).not.toHaveProperty(key);
      expect(JSON.stringify(updated.body)).not.toContain("plover");
      const one = await editor.patch(`/tables/${main.id}/rows/${id}?fieldKey=${fieldKey}`, { fields: { Name: "newer" } });
      expect(one.status).toBe(200);
      expect(one.body.fields).not.toHaveProperty(key);
      await owner.delete(`/tables/${main.id}/rows/${id}`);
    }
    for (const key of ["Secret", secretId]) {
      const writeCreate = await editor.post(`/tables/${main.id}/rows`, { rows: [{ fields: { Name: "n", [key]: "leak" } }] });
      expectErrorShape(writeCreate, 400);
      expectErrorShape(await editor.patch(`/tables/${main.id}/rows/${ids.mine}`, { fields: { [key]: "overwritten" } }), 400);
    }
    expect((await owner.get(`/tables/${main.id}/rows/${ids.mine}`)).body.fields.Secret).toBe("plover");
    expect(await total(owner)).toBe(5);
  });

  test("a lookup through a hidden link, or of a field hidden in the linked table, is hidden too", async () => {
    await setRules(other, { fields: { [fieldId(other, "Code")]: { viewer: "hidden" } } });
    const viewerRow = (await viewer.get(`/tables/${main.id}/rows/${ids.mine}`)).body.fields;
    expect(viewerRow).not.toHaveProperty("Other code");
    expect(viewerRow["Other name"]).toEqual(["o1"]);
    expect(JSON.stringify(viewerRow)).not.toContain("xyzzy");
    expect(await listIds(viewer, "&search=xyzzy")).toEqual([]);
    expectErrorShape(await viewer.get(`/tables/${main.id}/rows?filter=${q({ field: "Other code", op: "has_any_of", value: ["code-xyzzy"] })}`), 400);
    expect(await listIds(owner, "&search=xyzzy")).toEqual([ids.mine]);

    await setRules(main, { fields: { [fieldId(main, "Link")]: { viewer: "hidden" } } });
    const throughHiddenLink = (await viewer.get(`/tables/${main.id}/rows/${ids.mine}`)).body.fields;
    expect(throughHiddenLink).not.toHaveProperty("Link");
    expect(throughHiddenLink).not.toHaveProperty("Other name");
    expect(throughHiddenLink).not.toHaveProperty("Other code");
    expect(await listIds(viewer, "&search=o1")).toEqual([]);
  });

  test("a formula over a hidden field is hidden too", async ({ skip }) => {
    const created = await owner.post(`/tables/${main.id}/fields`, { name: "Shout", type: "formula", options: { formula: "UPPER({Secret})" } });
    if (created.status === 400) skip("formula fields are not available yet");
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    try {
      expect((await owner.get(`/tables/${main.id}/rows/${ids.mine}`)).body.fields.Shout).toBe("PLOVER");
      await hideSecret("viewer");
      const row = (await viewer.get(`/tables/${main.id}/rows/${ids.mine}`)).body.fields;
      expect(row).not.toHaveProperty("Shout");
      expect(JSON.stringify(row)).not.toContain("PLOVER");
      expect(await listIds(viewer, "&search=PLOVER")).toEqual([ids.nobody]);
      expectErrorShape(await viewer.get(`/tables/${main.id}/rows?filter=${q({ field: "Shout", op: "eq", value: "PLOVER" })}`), 400);
      expectErrorShape(await viewer.get(`/tables/${main.id}/rows?sort=${q([{ field: "Shout", dir: "asc" }])}`), 400);
    } finally {
      await owner.delete(`/tables/${main.id}/fields/${created.body.id}`);
    }
  });
});

describe("read-only fields", () => {
  test("are read but not written by the role", async () => {
    await setRules(main, { fields: { [fieldId(main, "Locked")]: { editor: "read_only" } } });
    const lockedId = fieldId(main, "Locked");
    expect((await editor.get(`/tables/${main.id}/rows/${ids.mine}`)).body.fields.Locked).toBe(1);
    expect(await listIds(editor, `&filter=${q({ field: "Locked", op: "gt", value: 3 })}&sort=${q([{ field: "Locked", dir: "desc" }])}`)).toEqual([ids.nobody, ids.editorsToo]);
    for (const key of ["Locked", lockedId]) {
      expectErrorShape(await editor.patch(`/tables/${main.id}/rows/${ids.mine}`, { fields: { [key]: 99 } }), 403);
      expectErrorShape(await editor.patch(`/tables/${main.id}/rows`, { rows: [{ id: ids.mine, fields: { Name: "n", [key]: 99 } }] }), 403);
      expectErrorShape(await editor.post(`/tables/${main.id}/rows`, { rows: [{ fields: { Name: "n", [key]: 99 } }] }), 403);
    }
    expect((await owner.get(`/tables/${main.id}/rows/${ids.mine}`)).body.fields).toMatchObject({ Locked: 1, Name: "shared-term one" });
    expect(await total(owner)).toBe(5);
    // Other fields of the row stay writable.
    const renamed = await editor.patch(`/tables/${main.id}/rows/${ids.mine}`, { fields: { Name: "shared-term one" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.fields.Locked).toBe(1);
  });
});
