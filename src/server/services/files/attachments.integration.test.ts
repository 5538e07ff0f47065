import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/server/db";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, RestAgent, signedUpAgent } from "@/test/rest-agent";
import { uploadFile } from "./files";

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let viewer: Agent;
let workspaceId: string;
let tableId: string;

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  viewer = await signedUpAgent("viewer");
  workspaceId = (await workspaceWith(owner.user, [[viewer.user, "viewer"]])).id;
  const baseId = (await owner.post("/bases", { workspaceId, name: "B" })).body.id;
  tableId = (await owner.post("/tables", { baseId, name: "Docs", fields: [{ name: "Name", type: "text" }, { name: "Files", type: "attachment" }] })).body.id;
});

const upload = (agent: RestAgent, name: string, content: string, type: string, ws = workspaceId) =>
  agent.upload(`/files?workspaceId=${ws}&name=${encodeURIComponent(name)}`, content, type);

describe("attachments", () => {
  test("upload a file, attach it to a row, read it back and download it", async () => {
    const res = await upload(owner, "plan (v2).txt", "hello world", "text/plain");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), name: "plan (v2).txt", url: `/api/v1/files/${res.body.id}`, size: 11, type: "text/plain" });
    const created = await owner.post(`/tables/${tableId}/rows`, { rows: [{ fields: { Name: "a", Files: [res.body.id] } }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.rows[0].fields.Files).toEqual([res.body]);

    const download = await viewer.getText(`/files/${res.body.id}`);
    expect(download.status).toBe(200);
    expect(download.text).toBe("hello world");
    expect(download.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''plan%20(v2).txt");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("an HTML upload is never served as a page; an image is shown inline", async () => {
    const html = await upload(owner, "x.html", "<script>alert(1)</script>", "text/html");
    const page = await owner.getText(`/files/${html.body.id}`);
    expect(page.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(page.headers.get("content-security-policy")).toContain("sandbox");
    const image = await upload(owner, "dot.png", "\x89PNG", "image/png");
    expect((await owner.getText(`/files/${image.body.id}`)).headers.get("content-disposition")).toMatch(/^inline/);
    expect((await upload(owner, "w", "x", "text/html; charset=utf-8")).body.type).toBe("text/html");
    expect((await upload(owner, "w", "x", "not a type")).body.type).toBe("application/octet-stream");
  });

  test("only files of the same workspace can be attached; strangers cannot download", async () => {
    const stranger = await signedUpAgent("stranger");
    const theirs = (await stranger.post("/workspaces", { name: "Theirs" })).body.id;
    const foreign = await upload(stranger, "secret.txt", "secret", "text/plain", theirs);
    expect(foreign.status).toBe(201);
    const res = await owner.post(`/tables/${tableId}/rows`, { rows: [{ fields: { Files: [foreign.body.id] } }] });
    expectErrorShape(res, 400);
    expect(res.body.error.message).toContain('Field "Files"');
    expectErrorShape(await owner.post(`/tables/${tableId}/rows`, { rows: [{ fields: { Files: ["../../etc/passwd"] } }] }), 400);
    expectErrorShape(await owner.getText(`/files/${foreign.body.id}`).then((r) => ({ status: r.status, body: JSON.parse(r.text), headers: r.headers })), 404);
    expectErrorShape(await upload(viewer, "v.txt", "v", "text/plain"), 403);
    expectErrorShape(await upload(new RestAgent(), "a.txt", "a", "text/plain"), 401);
  });

  test("a file over the size limit is refused and nothing is kept", async () => {
    const db = await getDb();
    const body = new Blob(["x".repeat(2048)]).stream();
    await expect(
      uploadFile(db, { workspaceId, name: "big", type: "text/plain", body, maxBytes: 1024, actor: { userId: owner.user.id, tokenId: null } }),
    ).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  test("compare-and-set compares attached file ids", async () => {
    const a = (await upload(owner, "a.txt", "a", "text/plain")).body;
    const b = (await upload(owner, "b.txt", "b", "text/plain")).body;
    const [row] = (await owner.post(`/tables/${tableId}/rows`, { rows: [{ fields: { Files: [a.id] } }] })).body.rows;
    expect((await owner.patch(`/tables/${tableId}/rows/${row.id}`, { fields: { Files: [a, b] }, expected: { Files: [a] } })).status).toBe(200);
    expectErrorShape(await owner.patch(`/tables/${tableId}/rows/${row.id}`, { fields: { Files: [] }, expected: { Files: [a.id] } }), 409);
  });
});
