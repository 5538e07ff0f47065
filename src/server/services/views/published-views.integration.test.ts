import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb, rowsOf } from "@/server/db";
import { tables } from "@/server/db/schema";
import { type PublicOptions, publishedViewData } from "@/server/rest/public-views";
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

let slugs = 0;
const uniqueSlug = () => `view-${Date.now().toString(36)}-${++slugs}`;

/** A table with rows, a grid view (Qty > 1, Secret hidden) published as `auth`. */
async function publishedView(auth: "public" | "api_key" = "public") {
  const table = (
    await owner.post("/tables", {
      baseId,
      name: `T ${Math.random()}`,
      fields: [
        { name: "Name", type: "text" },
        { name: "Qty", type: "number" },
        { name: "Secret", type: "text" },
        { name: "Owner", type: "text" },
      ],
    })
  ).body as { id: string };
  await editor.post(`/tables/${table.id}/rows`, {
    rows: [
      { fields: { Name: "a", Qty: 1, Secret: "s1", Owner: "x" } },
      { fields: { Name: "b", Qty: 2, Secret: "s2", Owner: "y" } },
      { fields: { Name: "c", Qty: 3, Secret: "s3", Owner: "x" } },
    ],
  });
  const view = (
    await editor.post("/views", {
      tableId: table.id,
      name: "Published",
      type: "grid",
      filter: { field: "Qty", op: "gt", value: 1 },
      sort: [{ field: "Name" }],
      hiddenFields: ["Secret"],
    })
  ).body as { id: string };
  const slug = uniqueSlug();
  const published = await owner.post(`/views/${view.id}/api`, { enabled: true, auth, slug });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return { table, view, slug, published: published.body as { slug: string; url: string; key?: string } };
}

let clients = 0;
/** An anonymous client of /public/views/{slug}/data, from its own address unless told. */
function client(ip = `192.0.2.${++clients}`) {
  return async (slug: string, query = "", headers: Record<string, string> = {}, options?: PublicOptions) => {
    const response = await publishedViewData(
      new Request(`http://tessera.test/public/views/${slug}/data${query}`, { headers: { "x-forwarded-for": ip, ...headers } }),
      slug,
      options,
    );
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
  };
}

const names = (body: { rows: Array<{ fields: { Name: string } }> }) => body.rows.map((r) => r.fields.Name);
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

describe("publishing", () => {
  test("public mode: the view's rows signed out, its hidden fields never, with an ETag", async () => {
    const { slug, published } = await publishedView();
    expect(published).toEqual({ slug, url: `http://tessera.test/public/views/${slug}/data`, enabled: true, auth: "public" });
    const get = client();
    const first = await get(slug);
    expect(first.status, first.text).toBe(200);
    expect(names(first.body)).toEqual(["b", "c"]);
    expect(first.body.nextCursor).toBeNull();
    expect(first.text).not.toContain("Secret");
    expect(first.text).not.toContain("s2");
    expect(first.headers.get("etag")).toMatch(/^".+"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    // The cached answer is the same, and as clean.
    const second = await get(slug);
    expect(second.text).toBe(first.text);
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    // Request-time filters narrow; pages work.
    expect(names((await get(slug, `?filter=${q({ field: "Owner", op: "eq", value: "x" })}`)).body)).toEqual(["c"]);
    expect(names((await get(slug, `?filter=${q({ or: [{ field: "Qty", op: "gte", value: 0 }] })}`)).body)).toEqual(["b", "c"]);
    const page = await get(slug, "?limit=1");
    expect(names(page.body)).toEqual(["b"]);
    expect(names((await get(slug, `?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`)).body)).toEqual(["c"]);
    expect(names((await get(slug, `?sort=${q([{ field: "Qty", dir: "desc" }])}`)).body)).toEqual(["c", "b"]);
  });

  test("a request filter or sort on a hidden field is an unknown field; bad input is a 400", async () => {
    const { slug } = await publishedView();
    const get = client();
    const hidden = await get(slug, `?filter=${q({ field: "Secret", op: "eq", value: "s2" })}`);
    expectErrorShape(hidden, 400);
    expect(hidden.body.error.message).toContain("Unknown field");
    expectErrorShape(await get(slug, `?sort=${q([{ field: "Secret" }])}`), 400);
    expectErrorShape(await get(slug, "?filter=nope"), 400);
    expectErrorShape(await get(slug, "?limit=5000"), 400);
    expectErrorShape(await get(slug, "?secret=1"), 400);
  });

  test("api_key mode: no key, a wrong key or another view's key is 401; the view's key is 200", async () => {
    const { view, slug, published } = await publishedView("api_key");
    const other = await publishedView("api_key");
    expect(published.key).toMatch(/^tsk_/);
    const get = client();
    expectErrorShape(await get(slug), 401);
    expectErrorShape(await get(slug, "", { authorization: "Bearer wrong" }), 401);
    expectErrorShape(await get(slug, "", { authorization: `Bearer ${other.published.key}` }), 401);
    const ok = await get(slug, "", { authorization: `Bearer ${published.key}` });
    expect(ok.status, ok.text).toBe(200);
    expect(names(ok.body)).toEqual(["b", "c"]);
    // Only the key's hash is kept.
    const db = await getDb();
    const stored = rowsOf<Record<string, unknown>>(await db.execute(sql`select * from view_shares where slug = ${slug}`));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(published.key!);
    // Publishing again keeps the key (shown once); rotating makes a new one.
    const again = await owner.post(`/views/${view.id}/api`, { enabled: true, auth: "api_key" });
    expect(again.status).toBe(200);
    expect(again.body.key).toBeUndefined();
    expect((await get(slug, "", { authorization: `Bearer ${published.key}` })).status).toBe(200);
    const rotated = await owner.post(`/views/${view.id}/api`, { enabled: true, auth: "api_key", rotateKey: true });
    expect(rotated.body.key).toMatch(/^tsk_/);
    expectErrorShape(await get(slug, "", { authorization: `Bearer ${published.key}` }), 401);
    expect((await get(slug, "", { authorization: `Bearer ${rotated.body.key}` })).status).toBe(200);
  });

  test("If-None-Match with the ETag is a 304 without a body", async () => {
    const { slug } = await publishedView();
    const get = client();
    const first = await get(slug);
    const etag = first.headers.get("etag")!;
    const again = await get(slug, "", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect((await get(slug, "", { "if-none-match": '"other"' })).status).toBe(200);
  });

  test("a row write and a change of the view show on the next request, with a new ETag", async () => {
    const { table, view, slug } = await publishedView();
    const get = client();
    const first = await get(slug);
    const etag = first.headers.get("etag")!;
    expect((await editor.post(`/tables/${table.id}/rows`, { rows: [{ fields: { Name: "d", Qty: 4 } }] })).status).toBe(201);
    const afterWrite = await get(slug, "", { "if-none-match": etag });
    expect(afterWrite.status).toBe(200);
    expect(names(afterWrite.body)).toEqual(["b", "c", "d"]);
    expect(afterWrite.headers.get("etag")).not.toBe(etag);

    expect((await editor.patch(`/views/${view.id}`, { filter: { field: "Qty", op: "gt", value: 2 } })).status).toBe(200);
    const afterView = await get(slug, "", { "if-none-match": afterWrite.headers.get("etag")! });
    expect(afterView.status).toBe(200);
    expect(names(afterView.body)).toEqual(["c", "d"]);
    // Showing a hidden field is a change of the view too.
    await editor.patch(`/views/${view.id}`, { hiddenFields: [] });
    expect((await get(slug)).body.rows[0].fields.Secret).toBe("s3");
  });

  test("the viewer's row rule limits the public answer", async () => {
    const { table, slug } = await publishedView();
    const db = await getDb();
    await db
      .update(tables)
      .set({ rules: { fields: {}, rows: { viewer: { field: "Owner", op: "eq", value: "x" } } } })
      .where(eq(tables.id, table.id));
    expect(names((await client()(slug)).body)).toEqual(["c"]);
  });

  test("over the rate limit: 429 with Retry-After, per client address", async () => {
    const { slug } = await publishedView();
    const limit = { rateLimit: { limit: 3, windowMs: 60_000 } };
    const get = client();
    for (let i = 0; i < 3; i++) expect((await get(slug, "", {}, limit)).status).toBe(200);
    const refused = await get(slug, "", {}, limit);
    expectErrorShape(refused, 429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await client()(slug, "", {}, limit)).status).toBe(200);
  });

  test("slugs: the pattern, uniqueness; disabling is 200 and then 404", async () => {
    const { view, slug } = await publishedView();
    const other = await publishedView();
    expectErrorShape(await owner.post(`/views/${view.id}/api`, { enabled: true, auth: "public", slug: "No Spaces" }), 400);
    expectErrorShape(await owner.post(`/views/${view.id}/api`, { enabled: true, auth: "public", slug: "ab" }), 400);
    expectErrorShape(await owner.post(`/views/${view.id}/api`, { enabled: true, auth: "public", slug: other.slug }), 409);
    expectErrorShape(await owner.post(`/views/${view.id}/api`, { enabled: true, auth: "nobody" }), 400);
    const disabled = await owner.post(`/views/${view.id}/api`, { enabled: false, auth: "public" });
    expect(disabled.status).toBe(200);
    expectErrorShape(await client()(slug), 404);
    expectErrorShape(await client()("no-such-view"), 404);
    // A deleted view's slug is gone too.
    expect((await editor.delete(`/views/${other.view.id}`)).status).toBe(204);
    expectErrorShape(await client()(other.slug), 404);
  });
});
