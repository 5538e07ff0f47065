import fc from "fast-check";
import { beforeAll, expect, test } from "vitest";
import { queryPlan } from "@/lib/query/plan";
import { getDb } from "@/server/db";
import { queryRows } from "@/server/query/execute";
import { loadTable } from "@/server/services/tables/table-meta";
import { workspaceWith } from "@/test/fixtures";
import { dayIn, expectedRows, type OracleField, type OracleFilter, type OraclePlan, type OracleRow } from "@/test/plan-oracle";
import { signedUpAgent } from "@/test/rest-agent";

/**
 * The PostgreSQL compiler against the in-memory oracle (src/test/plan-oracle.ts):
 * one table with a field of every filterable type and ~150 random rows, then
 * random plans whose every page, read through `nextCursor`, must give the
 * oracle's rows in the oracle's order, and `total` the oracle's count.
 *
 * Text of sorted fields (Name, linked names, user names) is lowercase ASCII
 * letters and digits, where every collation agrees with code point order;
 * unicode goes into fields that are never sorted (Notes). Non-ASCII letters
 * with case are left out: how `ilike` folds them depends on the locale.
 */

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let users: Array<{ id: string; name: string }>;
let tableId: string;
let fields: OracleField[];
let rows: OracleRow[];
let otherRows: Array<{ id: string; name: string }>;
let now: Date;
let today: string;

const meetingZone = "Pacific/Chatham";
const statusChoices = ["Todo", "Doing", "Done", "Blocked"];
const tagChoices = ["red", "green", "blue", "x%y"];
const otherNames = ["ka", "kb", "kc", "kd", "ke", "kf"];

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Local midnight of `day` in `timeZone`, as an instant. */
function midnightIn(day: string, timeZone: string): number {
  let guess = Date.parse(`${day}T00:00:00Z`);
  for (let i = 0; i < 3; i++) {
    const local = dayIn(new Date(guess), timeZone);
    const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", hour: "2-digit", minute: "2-digit" }).formatToParts(new Date(guess));
    const minutes = Number(parts.find((p) => p.type === "hour")!.value) * 60 + Number(parts.find((p) => p.type === "minute")!.value);
    const dayShift = Date.parse(`${local}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`);
    guess -= dayShift + minutes * 60_000;
  }
  return guess;
}

const alnum = fc.stringMatching(/^[a-z0-9]{1,5}$/);
const caselessUnicode = fc.constantFrom("😀", "中", "€", "—", "🎉", "ー", "ß");
const hostileAscii = fc.constantFrom("%", "_", "\\", "'", '"', ";", "$1", " ", "\n", "A", "b", "Z", "-");
const unicodeText = fc.array(fc.oneof(fc.constantFrom(..."abcABC0123"), caselessUnicode, hostileAscii), { minLength: 0, maxLength: 8 }).map((cs) => cs.join(""));

const nullable = <T>(arb: fc.Arbitrary<T>, freq = 5) => fc.option(arb, { nil: null, freq });
const decimal = (min: number, max: number, scale: number) => fc.integer({ min: min * 10 ** scale, max: max * 10 ** scale }).map((n) => n / 10 ** scale);

function rowArbitrary(userIds: string[], otherIds: string[]) {
  return fc.record({
    Name: nullable(fc.oneof(fc.constantFrom("a", "ab", "b", "b1", "zz", "0"), alnum)),
    Notes: fc.oneof(unicodeText, fc.constant(""), fc.constant(null)),
    Qty: nullable(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, -1, 1, 999_999, -999_999))),
    Weight: nullable(decimal(-1000, 1000, 2)),
    Price: nullable(fc.oneof(decimal(-100, 10_000, 2), fc.constant(0))),
    Share: nullable(decimal(-2, 2, 2)),
    Done: fc.constantFrom(true, false, null),
    Due: nullable(fc.integer({ min: -40, max: 40 }).map((d) => addDays(today, d))),
    Meeting: nullable(
      fc.tuple(fc.integer({ min: -40, max: 40 }), fc.constantFrom("midnight", "before", "noon", "random"), fc.integer({ min: 0, max: 86_399_999 })).map(([d, at, ms]) => {
        const midnight = midnightIn(addDays(today, d), meetingZone);
        const instant = at === "midnight" ? midnight : at === "before" ? midnight - 1 : at === "noon" ? midnight + 43_200_000 : midnight + ms;
        return new Date(instant).toISOString();
      }),
    ),
    Status: nullable(fc.constantFrom(...statusChoices)),
    Tags: fc.shuffledSubarray(tagChoices),
    Email: nullable(fc.tuple(fc.stringMatching(/^[a-zA-Z0-9._%+-]{1,6}$/), fc.constantFrom("x.io", "Ex.ORG")).map(([l, d]) => `${l}@${d}`)),
    Site: nullable(fc.tuple(alnum, fc.stringMatching(/^[a-zA-Z0-9_%-]{0,6}$/)).map(([h, p]) => `https://${h}.example/${p}`)),
    Stars: nullable(fc.integer({ min: 0, max: 5 })),
    Owner: fc.shuffledSubarray(userIds, { maxLength: 2 }),
    Other: fc.shuffledSubarray(otherIds, { maxLength: 3 }),
  }) as fc.Arbitrary<Record<string, unknown>>;
}

beforeAll(async () => {
  owner = await signedUpAgent("ann");
  const bob = await signedUpAgent("bob");
  const cy = await signedUpAgent("cy");
  users = [owner.user, bob.user, cy.user].map((u) => ({ id: u.id, name: u.name }));
  const workspaceId = (await workspaceWith(owner.user, [[bob.user, "editor"], [cy.user, "viewer"]])).id;
  const baseId = (await owner.post("/bases", { workspaceId, name: "Base" })).body.id;

  const other = await owner.post("/tables", {
    baseId,
    name: "Other",
    fields: [{ name: "Name", type: "text" }, { name: "Score", type: "number", options: { precision: 1 } }],
  });
  expect(other.status, JSON.stringify(other.body)).toBe(201);
  const scores = [1.5, 1.5, -2, 0, 10.2, 3];
  const createdOther = await owner.post(`/tables/${other.body.id}/rows`, {
    rows: otherNames.map((Name, i) => ({ fields: { Name, Score: scores[i] } })),
  });
  otherRows = createdOther.body.rows.map((r: OracleRow) => ({ id: r.id, name: r.fields.Name as string }));

  const table = await owner.post("/tables", {
    baseId,
    name: "Everything",
    fields: [
      { name: "Name", type: "text" },
      { name: "Notes", type: "long_text" },
      { name: "Qty", type: "number" },
      { name: "Weight", type: "number", options: { precision: 2 } },
      { name: "Price", type: "currency", options: { symbol: "€" } },
      { name: "Share", type: "percent" },
      { name: "Done", type: "boolean" },
      { name: "Due", type: "date" },
      { name: "Meeting", type: "datetime", options: { timeZone: meetingZone } },
      { name: "Status", type: "single_select", options: { choices: statusChoices.map((name) => ({ name })) } },
      { name: "Tags", type: "multi_select", options: { choices: tagChoices.map((name) => ({ name })) } },
      { name: "Email", type: "email" },
      { name: "Site", type: "url" },
      { name: "Stars", type: "rating", options: { max: 5 } },
      { name: "Owner", type: "user", options: { multiple: true } },
      { name: "No", type: "autonumber" },
      { name: "Created", type: "created_time" },
    ],
  });
  expect(table.status, JSON.stringify(table.body)).toBe(201);
  tableId = table.body.id;
  const link = await owner.post(`/tables/${tableId}/fields`, { name: "Other", type: "link", options: { tableId: other.body.id } });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  const otherFields = other.body.fields as OracleField[];
  for (const input of [
    { name: "Other names", type: "lookup", options: { linkFieldId: link.body.id, fieldId: otherFields[0]!.id } },
    { name: "Other score", type: "rollup", options: { linkFieldId: link.body.id, fieldId: otherFields[1]!.id, fn: "sum" } },
    { name: "Other count", type: "count", options: { linkFieldId: link.body.id } },
  ]) {
    const res = await owner.post(`/tables/${tableId}/fields`, input);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  fields = (await owner.get(`/tables/${tableId}`)).body.fields;

  today = new Date().toISOString().slice(0, 10);
  const generated = fc.sample(rowArbitrary(users.map((u) => u.id), otherRows.map((r) => r.id)), { numRuns: 150, seed: 20260115 });
  // And rows fast-check might not think of: a rollup of 1.5 + 1.5 (shown as 3), all empty, everything at once.
  const [ka, kb] = otherRows;
  generated.splice(0, 3, { Other: [ka!.id, kb!.id], Name: "zz" }, {}, { Tags: [...tagChoices], Owner: users.map((u) => u.id), Other: otherRows.map((r) => r.id) });
  const created = await owner.post(`/tables/${tableId}/rows`, { rows: generated.map((f) => ({ fields: f })) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  // The oracle reads the rows as the API answers them (the values as stored and rounded).
  const all = await owner.get(`/tables/${tableId}/rows?limit=1000`);
  rows = all.body.rows;
  expect(rows).toHaveLength(150);
  now = new Date(Date.now() + 1000);
}, 120_000);

// ---------------------------------------------------------------------------
// Plans

const pick = <T>(values: T[]) => fc.constantFrom(...values);
const cells = (name: string) => rows.map((r) => r.fields[name]).filter((v) => v !== null && v !== undefined && v !== "");

/** A substring of one of the values (for contains and search), or a random bit. */
const fragment = (texts: string[]) =>
  fc.oneof(
    fc.tuple(pick(texts.length ? texts : ["a"]), fc.nat(), fc.nat()).map(([t, a, b]) => {
      const chars = [...t];
      const start = a % (chars.length + 1);
      return chars.slice(start, start + 1 + (b % 4)).join("");
    }),
    fc.stringMatching(/^[a-zA-Z0-9%_\\]{0,3}$/),
    fc.constantFrom("", "%", "_", "\\", "😀", "ß"),
  );

type Op = { op: string; value: fc.Arbitrary<unknown> | null };

function conditionsFor(field: OracleField): fc.Arbitrary<OracleFilter> | null {
  const name = field.name;
  const ops: Op[] = [];
  const empties: Op[] = [
    { op: "is_empty", value: null },
    { op: "is_not_empty", value: null },
  ];
  const ordered = (value: fc.Arbitrary<unknown>): Op[] =>
    ["eq", "neq", "lt", "lte", "gt", "gte"].map((op) => ({ op, value }));
  const listOf = (value: fc.Arbitrary<unknown>) => fc.array(value, { maxLength: 4 });
  switch (field.type) {
    case "text":
    case "long_text":
    case "email":
    case "url": {
      const texts = cells(name).map(String);
      const value = fc.oneof(pick(texts), fragment(texts), fc.constant(""));
      ops.push(...["eq", "neq", "contains", "not_contains", "starts_with", "ends_with"].map((op) => ({ op, value })), ...empties);
      ops.push({ op: "in", value: listOf(value) }, { op: "not_in", value: listOf(value) });
      break;
    }
    case "number":
    case "currency":
    case "percent":
    case "rating":
    case "autonumber":
    case "count":
    case "rollup": {
      const numbers = cells(name).map(Number);
      const value = fc.oneof(pick(numbers.length ? numbers : [0]), fc.integer({ min: -1000, max: 1000 }), decimal(-10, 10, 3), fc.constantFrom(0, -1, 1));
      ops.push(...ordered(value));
      if (field.type !== "count" && field.type !== "autonumber") ops.push(...empties);
      if (field.type !== "count" && field.type !== "rollup") {
        ops.push({ op: "between", value: fc.tuple(value, value) }, { op: "in", value: listOf(value) }, { op: "not_in", value: listOf(value) });
      }
      break;
    }
    case "boolean":
      ops.push({ op: "eq", value: fc.boolean() }, { op: "neq", value: fc.boolean() });
      break;
    case "date": {
      const value = fc.oneof(pick(cells(name).map(String)), fc.integer({ min: -45, max: 45 }).map((d) => addDays(today, d)), fc.constant(`${today}T23:59:00Z`));
      ops.push(...ordered(value), { op: "between", value: fc.tuple(value, value) }, ...empties);
      ops.push({ op: "is_within", value: fc.oneof(fc.record({ past_days: fc.integer({ min: 0, max: 50 }) }), fc.record({ next_days: fc.integer({ min: 0, max: 50 }) })) });
      break;
    }
    case "datetime":
    case "created_time": {
      const instants = cells(name).map(String);
      const day = fc.integer({ min: -45, max: 45 }).map((d) => addDays(today, d));
      const instant = fc.oneof(pick(instants), fc.integer({ min: -45 * 86_400_000, max: 45 * 86_400_000 }).map((ms) => new Date(now.getTime() + ms).toISOString()));
      // All days (compared as days in the field's zone) or all instants.
      const value = fc.oneof(day, instant, pick(instants).map((i) => i.slice(0, 10)));
      ops.push(...ordered(value), { op: "between", value: fc.oneof(fc.tuple(day, day), fc.tuple(instant, instant)) });
      if (field.type === "datetime") ops.push(...empties);
      ops.push({ op: "is_within", value: fc.oneof(fc.record({ past_days: fc.integer({ min: 0, max: 50 }) }), fc.record({ next_days: fc.integer({ min: 0, max: 50 }) })) });
      break;
    }
    case "single_select": {
      const value = pick(statusChoices);
      ops.push({ op: "eq", value }, { op: "neq", value }, { op: "in", value: fc.subarray(statusChoices) }, { op: "not_in", value: fc.subarray(statusChoices) }, ...empties);
      break;
    }
    case "multi_select": {
      const value = fc.shuffledSubarray(tagChoices);
      ops.push({ op: "has_any_of", value }, { op: "has_all_of", value }, { op: "eq", value }, ...empties);
      break;
    }
    case "user": {
      const value = fc.shuffledSubarray(users.map((u) => u.id));
      ops.push({ op: "has_any_of", value }, { op: "has_all_of", value }, ...empties);
      break;
    }
    case "link": {
      const value = fc.shuffledSubarray(otherRows.map((r) => r.id), { maxLength: 3 });
      ops.push({ op: "has_any_of", value }, { op: "has_all_of", value }, ...empties);
      break;
    }
    case "lookup":
      ops.push({ op: "has_any_of", value: fc.shuffledSubarray([...otherNames, "zz"], { maxLength: 3 }) }, ...empties);
      break;
    default:
      return null;
  }
  return fc.oneof(
    ...ops.map(({ op, value }) =>
      value === null ? fc.constant({ field: name, op }) : value.map((v) => ({ field: name, op, value: v }) as OracleFilter),
    ),
  );
}

const sortable = ["Name", "Qty", "Weight", "Price", "Share", "Done", "Due", "Meeting", "Status", "Tags", "Stars", "Owner", "Other", "Other names", "Other score", "Other count", "No", "Created"];

function planArbitrary(): fc.Arbitrary<OraclePlan & { limit: number }> {
  const condition = fc.oneof(...fields.map(conditionsFor).filter((a): a is fc.Arbitrary<OracleFilter> => a !== null));
  const { node } = fc.letrec<{ node: OracleFilter }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      condition,
      fc.array(tie("node"), { maxLength: 3 }).map((and) => ({ and })),
      fc.array(tie("node"), { maxLength: 3 }).map((or) => ({ or })),
    ),
  }));
  const searchTexts = rows.flatMap((r) => [r.fields.Name, r.fields.Notes, r.fields.Email, r.fields.Qty, r.fields.Due, r.fields.Status, r.fields.Weight, r.fields["Other score"]]).filter((v) => v !== null).map(String);
  return fc.record(
    {
      filter: node,
      sort: fc.uniqueArray(fc.record({ field: pick(sortable), dir: fc.constantFrom("asc" as const, "desc" as const) }), { maxLength: 3, selector: (s) => s.field }),
      search: fc.oneof(fragment(searchTexts), fc.constantFrom("  ", "ann", "BOB", "kb", "Doing", "x%y", "-", ".0", "3.0")),
      fields: fc.subarray(fields.map((f) => f.name), { minLength: 1 }),
      limit: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 4, arbitrary: fc.integer({ min: 5, max: 200 }) }),
    },
    { requiredKeys: ["limit"] },
  );
}

const depth = (node: OracleFilter): number =>
  "and" in node ? 1 + Math.max(0, ...node.and.map(depth)) : "or" in node ? 1 + Math.max(0, ...node.or.map(depth)) : 1;
const usesWithin = (node: OracleFilter | undefined): boolean =>
  node === undefined ? false : "and" in node ? node.and.some(usesWithin) : "or" in node ? node.or.some(usesWithin) : node.op === "is_within";

type Page = { rows: OracleRow[]; nextCursor: string | null; total?: number };

/** Every page of a plan: through REST, or (for `is_within`, which needs a fixed now) through queryRows. */
async function allPages(plan: OraclePlan & { limit: number }): Promise<Page[]> {
  const direct = usesWithin(plan.filter);
  const table = direct ? await loadTable(await getDb(), tableId) : null;
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    let page: Page;
    if (table) {
      const parsed = queryPlan.parse({ tableId, ...plan, withTotal: pages.length === 0, ...(cursor ? { cursor } : {}) });
      page = (await queryRows(await getDb(), { table, reader: { role: "owner", userId: owner.user.id }, plan: parsed, now })) as Page;
    } else {
      const query = new URLSearchParams({ limit: String(plan.limit) });
      if (plan.filter) query.set("filter", JSON.stringify(plan.filter));
      if (plan.sort) query.set("sort", JSON.stringify(plan.sort));
      if (plan.fields) query.set("fields", JSON.stringify(plan.fields));
      if (plan.search !== undefined) query.set("search", plan.search);
      if (pages.length === 0) query.set("withTotal", "true");
      if (cursor) query.set("cursor", cursor);
      const res = await owner.get(`/tables/${tableId}/rows?${query}`);
      if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      page = res.body;
    }
    pages.push(page);
    cursor = page.nextCursor;
    if (pages.length > 200) throw new Error("more than 200 pages: the cursor does not advance");
  } while (cursor);
  return pages;
}

test("every page of a random plan is what the oracle says, in its order", async () => {
  const started = Date.now();
  let nonEmpty = 0;
  await fc.assert(
    fc.asyncProperty(planArbitrary(), async (plan) => {
      fc.pre(plan.filter === undefined || depth(plan.filter) <= 3);
      const expected = expectedRows(fields, rows, plan, now);
      const pages = await allPages(plan);
      const got = pages.flatMap((p) => p.rows);
      for (const page of pages.slice(0, -1)) expect(page.rows).toHaveLength(plan.limit);
      expect(pages[0]!.total).toBe(expected.length);
      expect(got.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      expect(got).toEqual(expected);
      if (expected.length > 0) nonEmpty++;
    }),
    { numRuns: 150, seed: Number(process.env.PLAN_SEED ?? 4242), endOnFailure: !!process.env.PLAN_NO_SHRINK },
  );
  // The generator is useful only if plans do match rows.
  expect(nonEmpty).toBeGreaterThan(40);
  console.info(`plan property: 150 plans in ${Date.now() - started} ms, ${nonEmpty} with rows`);
}, 300_000);
