import { eq } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import { getDb } from "@/server/db";
import { apiTokens, sessions } from "@/server/db/schema";
import { workspaceWith } from "@/test/fixtures";
import { RestAgent, signedUpAgent, testPassword } from "@/test/rest-agent";

const day = 24 * 60 * 60 * 1000;

afterEach(() => vi.useRealTimers());

describe("session cookie", () => {
  test("is httpOnly, SameSite=Lax, and made of an id and a secret", async () => {
    const agent = new RestAgent();
    const res = await agent.post("/auth/signup", { email: `c-${Date.now()}@example.test`, password: testPassword, name: "C" });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^tessera_session=[a-z2-7]+\.[a-z2-7]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
  });

  test("only a hash of the secret is stored", async () => {
    const agent = await signedUpAgent("hash");
    const [id, secret] = agent.cookie!.split("=")[1]!.split(".");
    const db = await getDb();
    const [row] = await db.select().from(sessions).where(eq(sessions.id, id!));
    expect(row).toBeDefined();
    const stored = JSON.stringify(row, (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v));
    expect(stored).not.toContain(secret);
    expect(row!.secretHash.byteLength).toBe(32);
  });

  test("a wrong secret with a real session id is refused", async () => {
    const agent = await signedUpAgent("forged");
    const [id] = agent.cookie!.split("=")[1]!.split(".");
    const forger = new RestAgent();
    forger.cookie = `tessera_session=${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`;
    expect((await forger.get("/auth/me")).status).toBe(401);
    expect((await agent.get("/auth/me")).status).toBe(200);
  });
});

describe("logout", () => {
  test("ends the session server-side: a copy of the cookie no longer works", async () => {
    const agent = await signedUpAgent("logout");
    const stolen = new RestAgent();
    stolen.cookie = agent.cookie;
    expect((await stolen.get("/auth/me")).status).toBe(200);
    const res = await agent.post("/auth/logout");
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/tessera_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await stolen.get("/auth/me")).status).toBe(401);
    expect((await stolen.get("/workspaces")).status).toBe(401);
  });

  test("with all: true ends every session of the user, and only theirs", async () => {
    const first = await signedUpAgent("everywhere");
    const second = new RestAgent();
    expect((await second.post("/auth/login", { email: first.user.email, password: testPassword })).status).toBe(200);
    const bystander = await signedUpAgent("bystander");
    expect((await first.post("/auth/logout", { all: true })).status).toBe(204);
    expect((await second.get("/auth/me")).status).toBe(401);
    expect((await bystander.get("/auth/me")).status).toBe(200);
  });
});

describe("expiry", () => {
  test("a session expires after its lifetime and is deleted", async () => {
    const agent = await signedUpAgent("expiry");
    const [id] = agent.cookie!.split("=")[1]!.split(".");
    vi.useFakeTimers({ now: Date.now() + 31 * day, toFake: ["Date"] });
    expect((await agent.get("/auth/me")).status).toBe(401);
    const db = await getDb();
    expect(await db.select().from(sessions).where(eq(sessions.id, id!))).toHaveLength(0);
  });

  test("activity past half its life extends it (sliding expiry)", async () => {
    const agent = await signedUpAgent("sliding");
    const [id] = agent.cookie!.split("=")[1]!.split(".");
    const db = await getDb();
    const before = (await db.select().from(sessions).where(eq(sessions.id, id!)))[0]!.expiresAt;
    vi.useFakeTimers({ now: Date.now() + 20 * day, toFake: ["Date"] });
    expect((await agent.get("/auth/me")).status).toBe(200);
    const after = (await db.select().from(sessions).where(eq(sessions.id, id!)))[0]!.expiresAt;
    expect(after.getTime()).toBeGreaterThan(before.getTime() + 19 * day);
    vi.useFakeTimers({ now: Date.now() + 25 * day, toFake: ["Date"] });
    // 45 days after sign-in, still valid thanks to the extension at day 20.
    expect((await agent.get("/auth/me")).status).toBe(200);
  });
});

describe("API tokens", () => {
  test("are shown once and stored only as a hash", async () => {
    const owner = await signedUpAgent("tokens");
    const ws = await workspaceWith(owner.user);
    const created = await owner.post(`/workspaces/${ws.id}/tokens`, { name: "script", role: "editor" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: "script", token: expect.stringMatching(/^tsr_/) });
    const db = await getDb();
    const rows = await db.select().from(apiTokens).where(eq(apiTokens.workspaceId, ws.id));
    expect(JSON.stringify(rows)).not.toContain(created.body.token);
    const listed = await owner.get(`/workspaces/${ws.id}/tokens`);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect(listed.body.tokens[0]).not.toHaveProperty("tokenHash");
  });

  test("record when they were last used, and stop working once revoked", async () => {
    const owner = await signedUpAgent("revoke");
    const ws = await workspaceWith(owner.user);
    const created = await owner.post(`/workspaces/${ws.id}/tokens`, { name: "script" });
    const script = new RestAgent();
    script.bearer = created.body.token;
    expect((await owner.get(`/workspaces/${ws.id}/tokens`)).body.tokens[0].lastUsedAt).toBeNull();
    expect((await script.get(`/bases?workspaceId=${ws.id}`)).status).toBe(200);
    expect((await owner.get(`/workspaces/${ws.id}/tokens`)).body.tokens[0].lastUsedAt).not.toBeNull();
    expect((await owner.delete(`/workspaces/${ws.id}/tokens/${created.body.id}`)).status).toBe(204);
    expect((await script.get(`/bases?workspaceId=${ws.id}`)).status).toBe(401);
  });

  test("act only in their own workspace and cannot create workspaces", async () => {
    const owner = await signedUpAgent("scope");
    const mine = await workspaceWith(owner.user, [], "Mine");
    const other = await workspaceWith(owner.user, [], "Other");
    const created = await owner.post(`/workspaces/${mine.id}/tokens`, { name: "scoped" });
    const script = new RestAgent();
    script.bearer = created.body.token;
    expect((await script.get("/workspaces")).body.workspaces.map((w: { id: string }) => w.id)).toEqual([mine.id]);
    expect((await script.get(`/bases?workspaceId=${other.id}`)).status).toBe(404);
    expect((await script.post("/workspaces", { name: "New" })).status).toBe(403);
  });

  test("cannot outrank their creator, now or after the creator is demoted", async () => {
    const owner = await signedUpAgent("rank-owner");
    const admin = await signedUpAgent("rank-admin");
    const ws = await workspaceWith(owner.user, [[admin.user, "admin"]]);
    expect((await admin.post(`/workspaces/${ws.id}/tokens`, { name: "x", role: "owner" })).status).toBe(403);
    const created = await admin.post(`/workspaces/${ws.id}/tokens`, { name: "x", role: "admin" });
    expect(created.status).toBe(201);
    const script = new RestAgent();
    script.bearer = created.body.token;
    expect((await script.post("/bases", { workspaceId: ws.id, name: "B" })).status).toBe(201);
    await owner.patch(`/workspaces/${ws.id}/members/${admin.user.id}`, { role: "viewer" });
    expect((await script.post("/bases", { workspaceId: ws.id, name: "C" })).status).toBe(403);
    await owner.delete(`/workspaces/${ws.id}/members/${admin.user.id}`);
    expect((await script.get(`/bases?workspaceId=${ws.id}`)).status).toBe(401);
  });
});
