import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { workspaceWith } from "@/test/fixtures";
import { skipNotice } from "@/test/external-databases";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

/**
 * The MongoDB adapter against a real server, when MONGODB_URL names one
 * (none can run on this project's machines: ENVIRONMENT.md). Its pipelines
 * are otherwise checked by the property test, through mingo.
 */
const mongodbUrl = process.env.MONGODB_URL || undefined;
if (!mongodbUrl) skipNotice("MONGODB_URL", "the live MongoDB suite");

describe.skipIf(!mongodbUrl)("a live MongoDB connection", () => {
  const database = `tessera_test_${Date.now().toString(36)}`;
  let client: MongoClient;
  let owner: Awaited<ReturnType<typeof signedUpAgent>>;
  let connectionId: string;

  beforeAll(async () => {
    client = new MongoClient(mongodbUrl!, { serverSelectionTimeoutMS: 5000 });
    const people = client.db(database).collection("people");
    await people.insertMany(
      Array.from({ length: 150 }, (_, i) => ({
        name: `p${String(i).padStart(3, "0")}`,
        age: i % 7 === 0 ? null : 20 + (i % 50),
        address: { city: ["Oslo", "Bergen", "Zürich"][i % 3] },
        joined: new Date(Date.UTC(2024, 0, 1 + i)),
        ...(i % 5 === 0 ? { note: "$gt" } : {}),
      })),
    );
    owner = await signedUpAgent("owner");
    const workspaceId = (await workspaceWith(owner.user)).id;
    const url = new URL(mongodbUrl!);
    url.pathname = `/${database}`;
    const created = await owner.post("/connections", { workspaceId, name: "Mongo", kind: "mongodb", url: url.toString() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    connectionId = created.body.id;
  });

  afterAll(async () => {
    await client?.db(database).dropDatabase();
    await client?.close();
  });

  test("test, discovery by sampling, and filtered, sorted keyset pages", async () => {
    expect((await owner.post(`/connections/${connectionId}/test`)).body.ok).toBe(true);
    const schema = await owner.get(`/connections/${connectionId}/schema`);
    const people = schema.body.schemas[0].tables.find((t: { name: string }) => t.name === "people");
    expect(people).toMatchObject({ kind: "collection", primaryKey: ["_id"] });
    const columns = Object.fromEntries(people.columns.map((c: { name: string; type: string }) => [c.name, c.type]));
    expect(columns).toMatchObject({ _id: "text", name: "text", age: "number", "address.city": "text", joined: "datetime", note: "text" });

    const rows: Array<Record<string, unknown>> = [];
    let cursor: string | undefined;
    do {
      const res = await owner.post(`/connections/${connectionId}/query`, {
        table: "people",
        filter: { and: [{ field: "address.city", op: "neq", value: "Oslo" }, { field: "note", op: "is_empty" }] },
        sort: [{ field: "age", dir: "desc" }],
        fields: ["name", "age"],
        limit: 17,
        ...(cursor ? { cursor } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      rows.push(...res.body.rows);
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    const expected = Array.from({ length: 150 }, (_, i) => i).filter((i) => i % 3 !== 0 && i % 5 !== 0);
    expect(rows.map((r) => r.name).sort()).toEqual(expected.map((i) => `p${String(i).padStart(3, "0")}`).sort());
    const ages = rows.map((r) => r.age);
    expect(ages.slice(0, ages.lastIndexOf(null) + 1).every((a) => a === null)).toBe(true);
  });

  test("a value shaped like an operator is only a value", async () => {
    const res = await owner.post(`/connections/${connectionId}/query`, { table: "people", filter: { field: "note", op: "eq", value: "$gt" } });
    expect(res.body.rows).toHaveLength(30);
    expectErrorShape(await owner.post(`/connections/${connectionId}/query`, { table: "people", filter: { field: "$where", op: "eq", value: "1" } }), 400);
  });
});
