import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, type RestResult, signedUpAgent } from "@/test/rest-agent";

/**
 * Hostile filters, sorts, searches, field selections and cursors through the
 * REST rows list: each gets a correct 200 or a 4xx in the error shape (never
 * a 500), and leaves every row in place. Field names and values full of SQL
 * and LIKE syntax are data like any other.
 */

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let tableId: string;
let rowIds: Record<string, string>;

const dropName = "'; drop table x; --";
const weirdName = 'a"b\\c $1 %_ 😀';
const values = {
  quote: `It's "quoted"; drop table x; -- $1 \\ 🎉`,
  percent: "50% off",
  underscore: "a_b",
  backslash: "back\\slash",
  plain: "a plain b",
  emoji: "😀 smile",
  dollar: "$1 and $2",
};
const rowCount = Object.keys(values).length;

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  const workspaceId = (await workspaceWith(owner.user)).id;
  const baseId = (await owner.post("/bases", { workspaceId, name: "Base" })).body.id;
  const table = await owner.post("/tables", {
    baseId,
    name: `Hostile ${dropName}`,
    fields: [
      { name: dropName, type: "text" },
      { name: weirdName, type: "text" },
      { name: "Qty", type: "number" },
      { name: "When", type: "date" },
      { name: "Status", type: "single_select", options: { choices: [{ name: "O'Brien" }, { name: "100%" }, { name: "a_b" }] } },
      { name: "Done", type: "boolean" },
    ],
  });
  expect(table.status, JSON.stringify(table.body)).toBe(201);
  tableId = table.body.id;
  const statuses = ["O'Brien", "100%", "a_b", null, "O'Brien", null, "100%"];
  const created = await owner.post(`/tables/${tableId}/rows`, {
    rows: Object.values(values).map((v, i) => ({
      fields: { [dropName]: v, [weirdName]: `${i}${v}`, Qty: i - 3, When: `2026-01-0${i + 1}`, Status: statuses[i], Done: i % 2 === 0 },
    })),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  rowIds = Object.fromEntries(Object.keys(values).map((k, i) => [k, created.body.rows[i].id]));
});

// Nothing a request sends can remove or hide rows.
afterEach(async () => {
  const res = await owner.get(`/tables/${tableId}/rows?withTotal=true&limit=1`);
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(rowCount);
});

type Params = { filter?: unknown; sort?: unknown; fields?: unknown; search?: string; cursor?: string; limit?: string; withTotal?: string };

/** Objects are sent as JSON; strings as they are (to send malformed JSON). */
function list(params: Params): Promise<RestResult> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) query.set(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return owner.get(`/tables/${tableId}/rows?${query}`);
}

const idsOf = (res: RestResult) => {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.rows as Array<{ id: string }>).map((r) => r.id);
};
const keys = (...names: Array<keyof typeof values>) => names.map((n) => rowIds[n]);

function expect400(res: RestResult, mentions?: string) {
  expectErrorShape(res, 400);
  if (mentions !== undefined) expect(res.body.error.message).toContain(mentions);
}

describe("field names and values full of SQL and LIKE syntax", () => {
  test("a field named like an injection filters, sorts and selects like any other", async () => {
    expect(idsOf(await list({ filter: { field: dropName, op: "eq", value: values.quote } }))).toEqual(keys("quote"));
    expect(idsOf(await list({ filter: { field: dropName, op: "neq", value: values.quote } }))).toHaveLength(rowCount - 1);
    expect(idsOf(await list({ filter: { field: weirdName, op: "starts_with", value: "6" } }))).toEqual(keys("dollar"));
    // (The order itself is the collation's; it only has to be one order, both ways.)
    const desc = await list({ sort: [{ field: dropName, dir: "desc" }], fields: [dropName] });
    expect(Object.keys(desc.body.rows[0].fields)).toEqual([dropName]);
    expect(idsOf(desc)).toHaveLength(rowCount);
    expect(idsOf(await list({ sort: [{ field: dropName, dir: "asc" }], fields: [dropName] }))).toEqual(idsOf(desc).reverse());
    // By id too, and the name matched case-insensitively.
    const fieldId = (await owner.get(`/tables/${tableId}`)).body.fields[0].id;
    expect(idsOf(await list({ filter: { field: fieldId, op: "contains", value: "DROP TABLE" } }))).toEqual(keys("quote"));
    expect(idsOf(await list({ filter: { field: dropName.toUpperCase(), op: "contains", value: "drop table" } }))).toEqual(keys("quote"));
  });

  test.each([
    ["%", ["percent"]],
    ["_", ["underscore"]],
    ["\\", ["quote", "backslash"]],
    ["$1", ["quote", "dollar"]],
    ["'", ["quote"]],
    ['"quoted"', ["quote"]],
    ["😀", ["emoji"]],
    ["a%b", []],
    ["a_b", ["underscore"]],
    ["%%", []],
  ] as const)("contains %j is literal", async (needle, expected) => {
    expect(idsOf(await list({ filter: { field: dropName, op: "contains", value: needle } }))).toEqual(keys(...expected));
    const others = Object.keys(values).filter((k) => !(expected as readonly string[]).includes(k)) as Array<keyof typeof values>;
    expect(idsOf(await list({ filter: { field: dropName, op: "not_contains", value: needle } }))).toEqual(keys(...others));
  });

  test("starts_with and ends_with take % _ and \\ literally", async () => {
    expect(idsOf(await list({ filter: { field: dropName, op: "starts_with", value: "50%" } }))).toEqual(keys("percent"));
    expect(idsOf(await list({ filter: { field: dropName, op: "starts_with", value: "%" } }))).toEqual([]);
    expect(idsOf(await list({ filter: { field: dropName, op: "ends_with", value: "_b" } }))).toEqual(keys("underscore"));
    expect(idsOf(await list({ filter: { field: dropName, op: "ends_with", value: "\\slash" } }))).toEqual(keys("backslash"));
    expect(idsOf(await list({ filter: { field: dropName, op: "in", value: [values.quote, values.backslash, "'"] } }))).toEqual(keys("quote", "backslash"));
  });

  test("search takes % _ \\ and quotes literally", async () => {
    // "100%" is a choice of two rows, and choice names are searched too.
    expect(idsOf(await list({ search: "%" }))).toEqual(keys("percent", "dollar"));
    expect(idsOf(await list({ search: "_" }))).toEqual(keys("underscore"));
    expect(idsOf(await list({ search: "\\" }))).toEqual(keys("quote", "backslash"));
    expect(idsOf(await list({ search: '"; drop' }))).toEqual(keys("quote"));
    expect(idsOf(await list({ search: "0%" }))).toEqual(keys("percent", "dollar"));
  });

  test("choices named with quotes and LIKE characters filter exactly", async () => {
    expect(idsOf(await list({ filter: { field: "Status", op: "eq", value: "O'Brien" } }))).toEqual(keys("quote", "plain"));
    expect(idsOf(await list({ filter: { field: "Status", op: "in", value: ["100%", "a_b"] } }))).toEqual(keys("percent", "underscore", "dollar"));
  });

  test("SQL in a value is a value", async () => {
    for (const value of ["1; drop table x", "' or '1'='1", "1) or (1=1"]) {
      expect(idsOf(await list({ filter: { field: dropName, op: "eq", value } }))).toEqual([]);
      expect400(await list({ filter: { field: "Qty", op: "eq", value } }), "Qty");
    }
  });
});

describe("refused with 400, never 500", () => {
  test("NUL anywhere", async () => {
    expect400(await list({ filter: { field: dropName, op: "eq", value: "a\u0000b" } }));
    expect400(await list({ filter: { field: dropName, op: "contains", value: "\u0000" } }));
    expect400(await list({ filter: { field: dropName, op: "in", value: ["ok", "\u0000"] } }));
    expect400(await list({ filter: { field: "a\u0000", op: "eq", value: "x" } }));
    expect400(await list({ sort: [{ field: "\u0000", dir: "asc" }] }));
    expect400(await list({ fields: ["\u0000"] }));
    expect400(await list({ search: "a\u0000" }));
    expect400(await list({ cursor: "\u0000" }));
  });

  test("filters nested deeper than 12 levels", async () => {
    const nest = (depth: number): unknown => (depth === 1 ? { field: "Qty", op: "gt", value: -100 } : { and: [nest(depth - 1)] });
    expect(idsOf(await list({ filter: nest(12) }))).toHaveLength(rowCount);
    expect400(await list({ filter: nest(13) }));
    // Far deeper (a stack-blowing attempt) is refused the same way.
    const deep = `${'{"or":['.repeat(5000)}{"field":"Qty","op":"eq","value":1}${"]}".repeat(5000)}`;
    const res = await owner.get(`/tables/${tableId}/rows?filter=${encodeURIComponent(deep)}`);
    expect(res.status === 400 || res.status === 413 || res.status === 414, `${res.status}`).toBe(true);
    expectErrorShape(res, res.status);
  });

  test("in lists and groups of more than 1000", async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(idsOf(await list({ filter: { field: "Qty", op: "in", value: many(1000) } }))).toEqual(keys("backslash", "plain", "emoji", "dollar"));
    expect400(await list({ filter: { field: "Qty", op: "in", value: many(1001) } }));
    expect400(await list({ filter: { field: "Qty", op: "not_in", value: many(1001) } }));
    expect400(await list({ filter: { or: many(1001).map((value) => ({ field: "Qty", op: "eq", value })) } }));
  });

  test("searches longer than 500 characters", async () => {
    expect(idsOf(await list({ search: "x".repeat(500) }))).toEqual([]);
    expect400(await list({ search: "x".repeat(501) }));
    expect400(await list({ search: "%".repeat(100_000) }));
  });

  test.each([
    ["filter", "{nope"],
    ["filter", "[1,2"],
    ["filter", "null"],
    ["filter", '"text"'],
    ["filter", "{}"],
    ["filter", '{"field":"Qty"}'],
    ["filter", '{"field":"Qty","op":"eq","value":1,"extra":true}'],
    ["filter", '{"and":{"field":"Qty","op":"eq","value":1}}'],
    ["filter", '{"field":"Qty","op":"like","value":1}'],
    ["sort", "{nope"],
    ["sort", '{"field":"Qty"}'],
    ["sort", '[{"field":"Qty","dir":"sideways"}]'],
    ["fields", "Qty"],
    ["fields", "[1]"],
    ["limit", "0"],
    ["limit", "1001"],
    ["limit", "ten"],
    ["withTotal", "maybe"],
  ])("malformed %s=%s", async (key, raw) => {
    expect400(await list({ [key]: raw }));
  });

  test("unknown fields are named", async () => {
    expect400(await list({ filter: { field: "Nope", op: "eq", value: 1 } }), "Nope");
    expect400(await list({ filter: { and: [{ field: "Qty", op: "eq", value: 1 }, { or: [{ field: "Ghost'; --", op: "is_empty" }] }] } }), "Ghost'; --");
    expect400(await list({ sort: [{ field: "Nope", dir: "asc" }] }), "Nope");
    expect400(await list({ fields: ["Qty", "Nope"] }), "Nope");
  });

  test.each([
    ["Qty", "contains", "1"],
    ["Qty", "has_any_of", [1]],
    [dropName, "lt", "a"],
    [dropName, "is_within", { past_days: 1 }],
    ["Done", "gt", true],
    ["Done", "is_empty", undefined],
    ["Status", "contains", "O"],
    ["When", "contains", "2026"],
  ])("operator %s %s is refused for the type", async (field, op, value) => {
    expect400(await list({ filter: { field, op, value } }), field);
  });

  test.each([
    ["Qty", "eq", "twelve"],
    ["Qty", "gt", { $gt: 1 }],
    ["Qty", "between", [1]],
    ["Qty", "between", [1, "x"]],
    ["Qty", "in", "1,2"],
    ["Qty", "eq", null],
    ["When", "eq", "2026-02-30"],
    ["When", "gt", "yesterday"],
    ["When", "is_within", { past_days: -1 }],
    ["When", "is_within", { past_days: "7" }],
    ["When", "is_within", 7],
    ["Status", "eq", "Blocked"],
    ["Status", "in", ["O'Brien", "Blocked"]],
    ["Done", "eq", "yes"],
    [dropName, "eq", { a: 1 }],
    [dropName, "in", [["nested"]]],
  ])("%s %s %j: a wrong value type names the field", async (field, op, value) => {
    expect400(await list({ filter: { field, op, value } }), field);
  });
});

describe("cursors", () => {
  const firstPage = async (sort: unknown) => {
    const res = await list({ sort, limit: "2" });
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toEqual(expect.any(String));
    return res.body.nextCursor as string;
  };
  const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

  test("forged and garbled cursors", async () => {
    const real = await firstPage([{ field: "Qty", dir: "asc" }]);
    const data = JSON.parse(Buffer.from(real, "base64url").toString());
    const forged = [
      "garbage",
      "!!!",
      "x".repeat(2049),
      b64("not json"),
      b64([]),
      b64(null),
      b64({ ...data, id: "0" }),
      b64({ ...data, id: "1; drop table x" }),
      b64({ ...data, id: 5 }),
      b64({ ...data, v: [] }),
      b64({ ...data, v: ["1", "2"] }),
      b64({ ...data, v: [{ a: 1 }] }),
      b64({ ...data, v: ["x".repeat(1001)] }),
      b64({ ...data, v: ["not a number"] }),
      b64({ ...data, v: ["1\u0000"] }),
      b64({ ...data, o: "forged" }),
      real.slice(0, -3),
    ];
    for (const cursor of forged) {
      const res = await list({ sort: [{ field: "Qty", dir: "asc" }], limit: "2", cursor });
      expect([400], `${cursor.slice(0, 80)} → ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
      expectErrorShape(res, 400);
    }
  });

  test("a cursor value of the wrong type for its sort key", async () => {
    for (const [field, bad] of [["When", "not a date"], ["Status", "x"], ["Done", "maybe"], [dropName, "\u0000"]] as const) {
      const real = await firstPage([{ field, dir: "asc" }]);
      const data = JSON.parse(Buffer.from(real, "base64url").toString());
      const res = await list({ sort: [{ field, dir: "asc" }], limit: "2", cursor: b64({ ...data, v: [bad] }) });
      expectErrorShape(res, 400);
    }
  });

  test("a cursor from another sort, filter or search", async () => {
    const cursor = await firstPage([{ field: "Qty", dir: "asc" }]);
    expect400(await list({ sort: [{ field: "Qty", dir: "desc" }], limit: "2", cursor }));
    expect400(await list({ sort: [{ field: "When", dir: "asc" }], limit: "2", cursor }));
    expect400(await list({ limit: "2", cursor }));
    expect400(await list({ sort: [{ field: "Qty", dir: "asc" }], filter: { field: "Qty", op: "gt", value: 0 }, limit: "2", cursor }));
    expect400(await list({ sort: [{ field: "Qty", dir: "asc" }], search: "a", limit: "2", cursor }));
    // The same sort and limit continue.
    expect(idsOf(await list({ sort: [{ field: "Qty", dir: "asc" }], limit: "2", cursor }))).toHaveLength(2);
  });
});
