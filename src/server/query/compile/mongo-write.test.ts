import { Aggregator, Query } from "mingo";
import { type Document, Long, ObjectId } from "mongodb";
import { describe, expect, test } from "vitest";
import { applyWrite, type RowStatements } from "@/server/connectors/apply-write";
import type { DiscoveredTable, RowChange } from "@/server/connectors/connector";
import { inferCollectionColumns } from "@/server/connectors/mongodb/infer-columns";
import { compileMongoWrite } from "./mongo";

/**
 * MongoDB row writes without a server: the compiled filters, `$set` and
 * inserted documents applied by mingo to an in-memory collection, through
 * the same applyWrite as the live adapter (which the live suite runs when
 * MONGODB_URL is set).
 */

const id = new ObjectId("65a1b2c3d4e5f60718293a4b");
const seed = (): Document[] => [
  { _id: id, name: "Zoë", qty: 3, at: new Date("2024-05-06T07:08:09.010Z"), address: { city: "Paris" } },
  { _id: new ObjectId(), name: "Ann", qty: null, at: null, address: { city: "Lyon" } },
];
const table: DiscoveredTable = { name: "items", kind: "collection", primaryKey: ["_id"], columns: inferCollectionColumns(seed()), foreignKeys: [] };
const now = new Date("2025-01-01T00:00:00Z");

function collection(documents: Document[]): RowStatements {
  const statements = compileMongoWrite({ schema: "test", table, now });
  const set = (document: Document, values: Document) => {
    for (const [path, value] of Object.entries(values)) {
      const steps = path.split(".");
      let at = document;
      for (const step of steps.slice(0, -1)) at = (at[step] ??= {}) as Document;
      at[steps.at(-1)!] = value;
    }
  };
  return {
    async read(key, _lock, within) {
      const compiled = statements.read(key, within);
      return compiled.page(new Aggregator(compiled.pipeline).run(documents) as Document[]).rows[0] ?? null;
    },
    async insert(values) {
      const document = { _id: new ObjectId(), ...statements.document(values) };
      documents.push(document);
      return statements.key(document._id);
    },
    async update(key, values, expected) {
      const match = documents.find((d) => new Query(statements.filter(key, expected)).test(d));
      if (match) set(match, statements.set(values).$set as Document);
      return match ? 1 : 0;
    },
    async remove(key, expected) {
      const i = documents.findIndex((d) => new Query(statements.filter(key, expected)).test(d));
      if (i >= 0) documents.splice(i, 1);
      return i >= 0 ? 1 : 0;
    },
  };
}

const write = (change: RowChange) => ({ ...change, schema: "test", table, now });

describe("MongoDB row writes", () => {
  test("an update with matching expected cells sets the paths; ids and instants are stored as BSON", async () => {
    const documents = seed();
    const result = await applyWrite(
      write({ kind: "update", key: { _id: id.toHexString() }, values: { qty: 4, "address.city": "Nice", at: "2025-02-03T04:05:06.000Z" }, expected: { qty: 3, name: "Zoë" } }),
      collection(documents),
    );
    expect(result).toMatchObject({ applied: true, before: { qty: 3, "address.city": "Paris" }, after: { qty: 4, "address.city": "Nice", at: "2025-02-03T04:05:06.000Z" } });
    expect(documents[0]!.at).toBeInstanceOf(Date);
    expect(documents[0]!.address).toEqual({ city: "Nice" });
  });

  test("a stale expected cell changes nothing and answers the current document", async () => {
    const documents = seed();
    const result = await applyWrite(write({ kind: "update", key: { _id: id.toHexString() }, values: { qty: 9 }, expected: { qty: 2 } }), collection(documents));
    expect(result).toMatchObject({ applied: false, before: { qty: 3 }, after: null });
    expect(documents[0]!.qty).toBe(3);
  });

  test("an expected empty cell matches a null; a missing document is neither applied nor found", async () => {
    const documents = seed();
    const other = documents[1]!._id.toHexString();
    expect((await applyWrite(write({ kind: "update", key: { _id: other }, values: { qty: 1 }, expected: { qty: null } }), collection(documents))).applied).toBe(true);
    const missing = await applyWrite(write({ kind: "delete", key: { _id: new ObjectId().toHexString() }, expected: {} }), collection(documents));
    expect(missing).toEqual({ applied: false, before: null, after: null });
  });

  test("an integer past 2^53 is written as a Long and reads back exactly, as text", async () => {
    const documents = seed();
    const result = await applyWrite(write({ kind: "update", key: { _id: id.toHexString() }, values: { qty: "9007199254740993" }, expected: { qty: 3 } }), collection(documents));
    expect(result).toMatchObject({ applied: true, after: { qty: "9007199254740993" } });
    expect(documents[0]!.qty).toBeInstanceOf(Long);
    expect(String(documents[0]!.qty)).toBe("9007199254740993");
  });

  test("an insert nests dotted paths; a row rule the new document leaves is refused", async () => {
    const documents = seed();
    const created = await applyWrite(write({ kind: "insert", values: { name: "Émile", "address.city": "Brest" } }), collection(documents));
    expect(created).toMatchObject({ applied: true, after: { name: "Émile", "address.city": "Brest" } });
    expect(documents.at(-1)).toMatchObject({ name: "Émile", address: { city: "Brest" } });
    const within = { field: "address.city", op: "eq" as const, value: "Paris" };
    await expect(applyWrite({ ...write({ kind: "insert", values: { name: "x", "address.city": "Rome" } }), within }, collection(documents))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
