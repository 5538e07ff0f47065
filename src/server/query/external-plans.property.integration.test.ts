import fc from "fast-check";
import { Aggregator } from "mingo";
import type { Document } from "mongodb";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FilterNode, SortSpec } from "@/lib/query/plan";
import type { Connector, DiscoveredTable, ExternalAggregateQuery, ExternalGroup, ExternalPage, ExternalQuery } from "@/server/connectors/connector";
import { parseConnectionUrl } from "@/server/connectors/connection-url";
import { inferCollectionColumns } from "@/server/connectors/mongodb/infer-columns";
import { openConnector } from "@/server/connectors/open-connector";
import { compileMongoAggregate, compileMongoQuery } from "@/server/query/compile/mongo";
import { createExternalMysql, createExternalPg, type ExternalMysql, type ExternalPg, externalPgUrl, mysqlUrl, skipNotice } from "@/test/external-databases";
import { queryPlan } from "@/lib/query/plan";
import { getDb } from "@/server/db";
import { queryAggregates } from "@/server/query/execute";
import { loadTable } from "@/server/services/tables/table-meta";
import { workspaceWith } from "@/test/fixtures";
import { type OracleAggregate, type OracleGroup, expectedGroups, expectedRows, type OracleField, type OracleFilter, type OracleRow } from "@/test/plan-oracle";
import { signedUpAgent } from "@/test/rest-agent";

/**
 * The three external compilers against each other and against the
 * in-memory oracle (src/test/plan-oracle.ts, which the internal compiler is
 * held to as well): the same ~200 rows in an external PostgreSQL, a MariaDB
 * and MongoDB documents (the generated pipeline run by mingo, an independent
 * implementation of MongoDB's query language), then random plans whose every
 * page, read through nextCursor, must give the oracle's rows in its order.
 *
 * Sorted text is lowercase ASCII (every collation agrees); unicode and
 * LIKE/regex metacharacters go into `notes`, which is filtered, not sorted.
 * `due` is a date in SQL and a midnight-UTC Date in MongoDB (no date-only
 * BSON type), so its filter values are days, where the two mean the same.
 *
 * Groups and aggregates (what grouped grids and kanban counts read) are
 * held to the oracle's `expectedGroups` on the same engines and on an
 * internal table holding the same rows.
 */

const now = new Date("2025-06-15T12:34:56.789Z");
const today = now.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

type Item = { id: number; name: string | null; notes: string | null; qty: number | null; price: number | null; done: boolean; due: string | null; at: string | null };

const alnum = fc.stringMatching(/^[a-z0-9]{1,4}$/);
const noteText = fc
  .array(fc.oneof(fc.constantFrom(..."abcABC0123"), fc.constantFrom("😀", "中", "€", "—", "ß", "%", "_", "\\", "'", '"', ";", "$", " ", "\n", "!", ".")), { minLength: 0, maxLength: 6 })
  .map((cs) => cs.join(""));
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 5 });
const cents = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);
const dayNear = fc.integer({ min: -40, max: 40 }).map((d) => addDays(today, d));
const instantNear = fc.integer({ min: -40 * 86_400_000, max: 40 * 86_400_000 }).map((ms) => new Date(now.getTime() + ms).toISOString());

const itemArb = fc.record({
  name: nullable(fc.oneof(fc.constantFrom("a", "ab", "b", "b1", "zz", "0"), alnum)),
  notes: fc.oneof(noteText, fc.constant(""), fc.constant(null)),
  qty: nullable(fc.integer({ min: -50, max: 50 })),
  price: nullable(fc.oneof(cents(-100, 1000), fc.constant(0))),
  done: fc.boolean(),
  due: nullable(dayNear),
  at: nullable(fc.oneof(instantNear, dayNear.map((d) => `${d}T00:00:00.000Z`))),
});

const items: Item[] = fc.sample(itemArb, { seed: 20251, numRuns: 200 }).map((item, i) => ({ id: i + 1, ...item }));

const oracleFields: OracleField[] = [
  { id: "name", name: "name", type: "text" },
  { id: "notes", name: "notes", type: "long_text" },
  { id: "qty", name: "qty", type: "number" },
  { id: "price", name: "price", type: "number" },
  { id: "done", name: "done", type: "boolean" },
  { id: "due", name: "due", type: "date" },
  { id: "at", name: "at", type: "datetime" },
];
const oracleRows: OracleRow[] = items.map(({ id, ...fields }) => ({ id: String(id), version: 0, createdAt: "", updatedAt: "", fields }));

// ---- plans ----
const pick = <T>(values: T[]) => fc.constantFrom(...values);
const present = <K extends keyof Item>(key: K) => items.map((i) => i[key]).filter((v): v is NonNullable<Item[K]> => v !== null);
const textValue = fc.oneof(pick(present("name") as string[]), alnum, fc.constant(""));
const noteValue = fc.oneof(pick(present("notes") as string[]).map((n) => n.slice(0, 2)), noteText);
const numberValue = (key: "qty" | "price") => fc.oneof(pick(present(key) as number[]), cents(-100, 1000));
const dayValue = fc.oneof(pick(present("due") as string[]), dayNear);
const instantValue = fc.oneof(pick(present("at") as string[]), instantNear, dayNear);

const textOps = (field: string, value: fc.Arbitrary<string>) =>
  fc.oneof(
    fc.record({ field: fc.constant(field), op: fc.constantFrom("eq", "neq", "contains", "not_contains", "starts_with", "ends_with"), value }),
    fc.record({ field: fc.constant(field), op: fc.constantFrom("in", "not_in"), value: fc.array(value, { maxLength: 3 }) }),
    fc.record({ field: fc.constant(field), op: fc.constantFrom("is_empty", "is_not_empty") }),
  );
const orderedOps = (field: string, value: fc.Arbitrary<unknown>, extra: string[] = []) =>
  fc.oneof(
    fc.record({ field: fc.constant(field), op: fc.constantFrom("eq", "neq", "lt", "lte", "gt", "gte"), value }),
    fc.record({ field: fc.constant(field), op: fc.constant("between"), value: fc.tuple(value, value) }),
    fc.record({ field: fc.constant(field), op: fc.constantFrom("is_empty", "is_not_empty") }),
    ...(extra.length ? [fc.record({ field: fc.constant(field), op: fc.constantFrom(...extra), value: fc.array(value, { maxLength: 3 }) })] : []),
  );
const condition = fc.oneof(
  textOps("name", textValue),
  textOps("notes", noteValue),
  orderedOps("qty", numberValue("qty"), ["in", "not_in"]),
  orderedOps("price", numberValue("price"), ["in", "not_in"]),
  fc.record({ field: fc.constant("done"), op: fc.constantFrom("eq", "neq"), value: fc.boolean() }),
  orderedOps("due", dayValue),
  orderedOps("at", instantValue),
  fc.record({
    field: fc.constant("at"),
    op: fc.constant("is_within"),
    value: fc.oneof(fc.record({ past_days: fc.integer({ min: 0, max: 30 }) }), fc.record({ next_days: fc.integer({ min: 0, max: 30 }) })),
  }),
);
const filter: fc.Arbitrary<OracleFilter> = fc.letrec<{ node: OracleFilter }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    condition as fc.Arbitrary<OracleFilter>,
    fc.record({ and: fc.array(tie("node"), { maxLength: 3 }) }),
    fc.record({ or: fc.array(tie("node"), { maxLength: 3 }) }),
  ),
})).node;
const sortable = ["name", "qty", "price", "done", "due", "at"];
const plan = fc.record(
  {
    filter,
    sort: fc.uniqueArray(fc.record({ field: fc.constantFrom(...sortable), dir: fc.constantFrom("asc" as const, "desc" as const) }), { maxLength: 3, selector: (s) => s.field }),
    fields: fc.subarray(["name", "notes", "qty", "price", "done", "due", "at"], { minLength: 1 }),
    limit: fc.integer({ min: 3, max: 80 }),
  },
  { requiredKeys: ["limit"] },
);

// ---- engines ----
type Engine = {
  name: string;
  schema: string;
  table: DiscoveredTable;
  run: (query: ExternalQuery) => Promise<ExternalPage>;
  aggregate: (query: ExternalAggregateQuery) => Promise<ExternalGroup[]>;
};

/** Rows as the oracle compares them: `id` first (MongoDB's `_id`), days as days. */
function normalized(row: Record<string, unknown>): Record<string, unknown> {
  const { _id, id, ...fields } = row;
  if (typeof fields.due === "string") fields.due = fields.due.slice(0, 10);
  return { id: String(id ?? _id), ...fields };
}

async function allPages(engine: Engine, p: { filter?: OracleFilter; sort?: SortSpec; fields?: string[]; limit: number }) {
  const rows: Array<Record<string, unknown>> = [];
  let cursor: string | undefined;
  const fields = p.fields ? [engine.table.primaryKey[0]!, ...p.fields] : undefined;
  for (let page = 0; page < 500; page++) {
    const result = await engine.run({ schema: engine.schema, table: engine.table, filter: p.filter as FilterNode | undefined, sort: p.sort, fields, limit: p.limit, cursor, now });
    rows.push(...result.rows.map(normalized));
    if (!result.nextCursor) return rows;
    cursor = result.nextCursor;
  }
  throw new Error("too many pages");
}

const engines: Engine[] = [];
let pg: ExternalPg | undefined;
let my: ExternalMysql | undefined;
const connectors: Connector[] = [];
const limits = { queryTimeoutMs: 10_000, connectTimeoutMs: 5000 };

async function sqlEngine(name: string, url: string, kind: "postgres" | "mysql", schema: string): Promise<Engine> {
  const connector = openConnector(parseConnectionUrl(kind, url), limits);
  connectors.push(connector);
  const discovered = await connector.discover();
  const table = discovered.schemas.find((s) => s.name === schema)!.tables.find((t) => t.name === "items")!;
  return { name, schema, table, run: (q) => connector.query(q), aggregate: (q) => connector.aggregate(q) };
}

beforeAll(async () => {
  const documents: Document[] = items.map(({ id, due, at, ...rest }, i) => {
    const document: Document = { _id: id, ...rest, due: due === null ? null : new Date(`${due}T00:00:00Z`), at: at === null ? null : new Date(at) };
    // Every other empty cell is a missing field rather than a null: both must read as empty.
    if (i % 2) for (const key of Object.keys(document)) if (document[key] === null) delete document[key];
    return document;
  });
  const mongoTable: DiscoveredTable = { name: "items", kind: "collection", primaryKey: ["_id"], columns: inferCollectionColumns(documents), foreignKeys: [] };
  engines.push({
    name: "MongoDB pipeline (mingo)",
    schema: "test",
    table: mongoTable,
    run: async (query) => {
      const compiled = compileMongoQuery(query);
      return compiled.page(new Aggregator(compiled.pipeline).run(documents) as Document[]);
    },
    aggregate: async (query) => {
      const compiled = compileMongoAggregate(query);
      return compiled.groups(new Aggregator(compiled.pipeline).run(documents) as Document[]);
    },
  });
  await createInternalItems();
  if (externalPgUrl) {
    pg = await createExternalPg(externalPgUrl);
    await pg.sql`create table items (id integer primary key, name text, notes text, qty integer, price numeric(12, 2), done boolean not null, due date, at timestamptz(3))`;
    await pg.sql`insert into items ${pg.sql(items)}`;
    engines.push(await sqlEngine("external PostgreSQL", pg.url, "postgres", "public"));
  } else skipNotice("TEST_EXTERNAL_PG_URL", "external PostgreSQL in the cross-compiler property test");
  if (mysqlUrl) {
    my = await createExternalMysql(mysqlUrl);
    await my.run(`CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20), notes TEXT, qty INT, price DECIMAL(12, 2), done BOOLEAN NOT NULL, due DATE, at DATETIME(3))`);
    await my.run("INSERT INTO items (id, name, notes, qty, price, done, due, at) VALUES ?", [
      items.map((i) => [i.id, i.name, i.notes, i.qty, i.price, i.done, i.due, i.at === null ? null : i.at.slice(0, 23).replace("T", " ")]),
    ]);
    engines.push(await sqlEngine("MariaDB", my.url, "mysql", my.name));
  } else skipNotice("TEST_MYSQL_URL", "MariaDB in the cross-compiler property test");
}, 120_000);

afterAll(async () => {
  await Promise.all(connectors.map((c) => c.close()));
  await pg?.drop();
  await my?.drop();
});

describe("the same plans on external PostgreSQL, MariaDB and MongoDB", () => {
  test("the discovered or inferred types agree", () => {
    for (const engine of engines) {
      const types = Object.fromEntries(engine.table.columns.map((c) => [c.name, c.type]));
      expect(types, engine.name).toMatchObject({ name: "text", notes: "text", qty: "number", price: "number", done: "boolean", at: "datetime" });
      // A date-only column in SQL; MongoDB has only instants.
      expect(types.due, engine.name).toBe(engine.name.startsWith("MongoDB") ? "datetime" : "date");
    }
  });

  test("random filters, sorts, fields and page sizes give the oracle's rows in its order on every engine", async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const fields = p.fields ?? oracleFields.map((f) => f.name);
        const expected = expectedRows(oracleFields, oracleRows, { filter: p.filter, sort: p.sort }, now).map((row) => ({
          id: row.id,
          ...Object.fromEntries(fields.map((f) => [f, row.fields[f] ?? null])),
        }));
        for (const engine of engines) {
          const rows = (await allPages(engine, p)).map((row) => ({ id: row.id, ...Object.fromEntries(fields.map((f) => [f, row[f] ?? null])) }));
          expect(rows, `${engine.name}: ${JSON.stringify(p)}`).toEqual(expected);
        }
      }),
      { numRuns: 120, seed: 7, endOnFailure: true },
    );
  }, 120_000);
});

// ---- groups and aggregates ----

/** The same items in an internal table, aggregated by the service grouped grids and the REST endpoint use. */
let internalAggregate: ((plan: AggregatePlan) => Promise<ExternalGroup[]>) | undefined;
/** The items as the internal table holds them (it stores "" text as empty), for its oracle. */
let internalRows: OracleRow[] = [];

async function createInternalItems() {
  const owner = await signedUpAgent("agg");
  const workspaceId = (await workspaceWith(owner.user)).id;
  const baseId = (await owner.post("/bases", { workspaceId, name: "Base" })).body.id;
  const created = await owner.post("/tables", {
    baseId,
    name: "items",
    fields: [
      { name: "name", type: "text" },
      { name: "notes", type: "long_text" },
      { name: "qty", type: "number" },
      { name: "price", type: "number", options: { precision: 2 } },
      { name: "done", type: "boolean" },
      { name: "due", type: "date" },
      { name: "at", type: "datetime", options: { timeZone: "UTC" } },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const tableId = created.body.id;
  const inserted = await owner.post(`/tables/${tableId}/rows`, { rows: items.map(({ id: _, ...fields }) => ({ fields })) });
  expect(inserted.status, JSON.stringify(inserted.body)).toBe(201);
  const read = await owner.get(`/tables/${tableId}/rows?limit=1000`);
  internalRows = read.body.rows;
  expect(internalRows).toHaveLength(items.length);
  // Through the service the endpoint calls, so `is_within` sees the test's fixed now.
  const table = await loadTable(await getDb(), tableId);
  internalAggregate = async (p) => {
    const plan = queryPlan.parse({ tableId, filter: p.filter, groupBy: p.groupBy, aggregates: p.aggregates.map((a, i) => ({ ...a, as: `a${i}` })) });
    const answer = await queryAggregates(await getDb(), { table, reader: { role: "owner", userId: owner.user.id }, plan, now });
    return answer.groups.map((g) => ({
      key: p.groupBy.map((f) => g.key[f] ?? null),
      values: p.aggregates.map((_, i) => g.values[`a${i}`] ?? null),
    }));
  };
}

type AggregatePlan = { filter?: OracleFilter; groupBy: string[]; aggregates: OracleAggregate[] };

const groupable = ["name", "qty", "price", "done", "due", "at"];
const aggregateArb: fc.Arbitrary<OracleAggregate> = fc.oneof(
  fc.constant({ fn: "count" as const }),
  fc.record({ fn: fc.constantFrom("count" as const, "count_distinct" as const), field: fc.constantFrom(...groupable) }),
  fc.record({ fn: fc.constant("count_empty" as const), field: fc.constantFrom("name", "notes", "qty", "price", "due", "at") }),
  fc.record({ fn: fc.constantFrom("sum" as const, "avg" as const), field: fc.constantFrom("qty", "price") }),
  fc.record({ fn: fc.constantFrom("min" as const, "max" as const), field: fc.constantFrom("name", "qty", "price", "due", "at") }),
);
const aggregatePlan: fc.Arbitrary<AggregatePlan> = fc.record(
  {
    filter,
    groupBy: fc.uniqueArray(fc.constantFrom(...groupable), { maxLength: 2 }),
    aggregates: fc.array(aggregateArb, { maxLength: 4 }),
  },
  { requiredKeys: ["groupBy", "aggregates"] },
);

/**
 * A group as compared: days as days (MongoDB holds them as instants), and
 * numbers to 12 significant digits (sums and averages of decimals are exact
 * in SQL and doubles in MongoDB).
 */
function comparable(plan: AggregatePlan, group: ExternalGroup): ExternalGroup {
  const value = (field: string | undefined, v: unknown) =>
    typeof v === "number" ? Number(v.toPrecision(12)) : field === "due" && typeof v === "string" ? v.slice(0, 10) : v;
  return { key: group.key.map((v, i) => value(plan.groupBy[i], v)), values: group.values.map((v, i) => value(plan.aggregates[i]!.field, v)) };
}

describe("the same groups and aggregates on internal PostgreSQL, external PostgreSQL, MariaDB and MongoDB", () => {
  test("random filters, group fields and aggregates give the oracle's groups in its order on every engine", async () => {
    await fc.assert(
      fc.asyncProperty(aggregatePlan, async (p) => {
        const expectedOf = (rows: OracleRow[]) => expectedGroups(oracleFields, rows, p, now).map((g) => comparable(p, g));
        const expected = expectedOf(oracleRows);
        const runs: Array<[string, OracleGroup[], () => Promise<ExternalGroup[]>]> = [
          ["internal PostgreSQL", expectedOf(internalRows), () => internalAggregate!(p)],
          ...engines.map((engine): [string, OracleGroup[], () => Promise<ExternalGroup[]>] => [
            engine.name,
            expected,
            () =>
              engine.aggregate({
                schema: engine.schema,
                table: engine.table,
                filter: p.filter as FilterNode | undefined,
                groupBy: p.groupBy,
                aggregates: p.aggregates.map((a) => ({ fn: a.fn, column: a.field })),
                limit: 1000,
                now,
              }),
          ]),
        ];
        for (const [name, wanted, run] of runs) {
          const groups = (await run()).map((g) => comparable(p, g));
          expect(groups, `${name}: ${JSON.stringify(p)}`).toEqual(wanted);
        }
      }),
      { numRuns: 100, seed: 11, endOnFailure: true },
    );
  }, 120_000);

  test("an aggregate that does not fit its column is refused before any database is asked", async () => {
    for (const engine of engines) {
      await expect(
        engine.aggregate({ schema: engine.schema, table: engine.table, groupBy: [], aggregates: [{ fn: "sum", column: "name" }], limit: 10, now }),
        engine.name,
      ).rejects.toThrow(/sum needs a number column/);
      await expect(
        engine.aggregate({ schema: engine.schema, table: engine.table, groupBy: ["nope"], aggregates: [], limit: 10, now }),
        engine.name,
      ).rejects.toThrow(/Unknown column "nope"/);
      await expect(
        engine.aggregate({ schema: engine.schema, table: engine.table, groupBy: [], aggregates: [{ fn: "count_empty", column: "done" }], limit: 10, now }),
        engine.name,
      ).rejects.toThrow(/count_empty needs a/);
    }
  });
});
