import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/server/db";
import { auditLog } from "@/server/db/schema";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, RestAgent, signedUpAgent } from "@/test/rest-agent";

// Bad input on every endpoint gets a 4xx in the contract's error shape (never
// a 500 or a stack trace) and writes nothing.

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let ws: { id: string };
let foreign: { workspaceId: string; baseId: string; userId: string; tokenId: string };
let mine: { baseId: string; memberId: string; tokenId: string };

const huge = "x".repeat(10_000);
const unknownId = "aaaaaaaaaaaaaaaa";

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  const member = await signedUpAgent("member");
  ws = await workspaceWith(owner.user, [[member.user, "editor"]]);
  mine = {
    baseId: (await owner.post("/bases", { workspaceId: ws.id, name: "Mine" })).body.id,
    memberId: member.user.id,
    tokenId: (await owner.post(`/workspaces/${ws.id}/tokens`, { name: "t" })).body.id,
  };
  const stranger = await signedUpAgent("stranger");
  const theirs = await stranger.post("/workspaces", { name: "Theirs" });
  foreign = {
    workspaceId: theirs.body.id,
    baseId: (await stranger.post("/bases", { workspaceId: theirs.body.id, name: "Theirs" })).body.id,
    userId: stranger.user.id,
    tokenId: (await stranger.post(`/workspaces/${theirs.body.id}/tokens`, { name: "t" })).body.id,
  };
});

// Bodies naming fixture ids are functions, read once the fixtures exist.
type Case = [label: string, method: string, path: () => string, body: unknown, status: number];

const cases: Case[] = [
  // auth
  ["sign-up without a body", "POST", () => "/auth/signup", undefined, 400],
  ["sign-up with a number as email", "POST", () => "/auth/signup", { email: 5, password: "long enough", name: "A" }, 400],
  ["sign-up with a malformed email", "POST", () => "/auth/signup", { email: "not-an-email", password: "long enough", name: "A" }, 400],
  ["sign-up with a huge name", "POST", () => "/auth/signup", { email: "a@example.test", password: "long enough", name: huge }, 400],
  ["sign-up with a huge password", "POST", () => "/auth/signup", { email: "a@example.test", password: huge, name: "A" }, 400],
  ["sign-up with an array body", "POST", () => "/auth/signup", [1, 2], 400],
  ["sign-up with a string body", "POST", () => "/auth/signup", '"hello"', 400],
  ["sign-up with malformed JSON", "POST", () => "/auth/signup", "{ nope", 400],
  ["sign-up with a 2 MiB body", "POST", () => "/auth/signup", { name: "y".repeat(2 * 1024 * 1024) }, 413],
  ["login with missing fields", "POST", () => "/auth/login", {}, 400],
  ["login with a huge email", "POST", () => "/auth/login", { email: huge, password: "x" }, 400],
  ["logout with all as a string", "POST", () => "/auth/logout", { all: "yes" }, 400],
  // workspaces
  ["create a workspace without a name", "POST", () => "/workspaces", {}, 400],
  ["create a workspace with a blank name", "POST", () => "/workspaces", { name: "   " }, 400],
  ["create a workspace with a huge name", "POST", () => "/workspaces", { name: huge }, 400],
  ["create a workspace with an object name", "POST", () => "/workspaces", { name: { $gt: "" } }, 400],
  ["read an unknown workspace", "GET", () => `/workspaces/${unknownId}`, undefined, 404],
  ["read another's workspace", "GET", () => `/workspaces/${foreign.workspaceId}`, undefined, 404],
  ["read a workspace by a huge id", "GET", () => `/workspaces/${huge}`, undefined, 400],
  ["rename a workspace to a number", "PATCH", () => `/workspaces/${ws.id}`, { name: 42 }, 400],
  ["rename another's workspace", "PATCH", () => `/workspaces/${foreign.workspaceId}`, { name: "Mine now" }, 404],
  ["delete another's workspace", "DELETE", () => `/workspaces/${foreign.workspaceId}`, undefined, 404],
  // members
  ["add a member with an unknown role", "POST", () => `/workspaces/${ws.id}/members`, { email: "a@example.test", role: "god" }, 400],
  ["add a member without an email", "POST", () => `/workspaces/${ws.id}/members`, { role: "viewer" }, 400],
  ["add an unknown user", "POST", () => `/workspaces/${ws.id}/members`, { email: "nobody@example.test", role: "viewer" }, 404],
  ["add a member to another's workspace", "POST", () => `/workspaces/${foreign.workspaceId}/members`, { email: "a@example.test", role: "viewer" }, 404],
  ["change the role of a non-member", "PATCH", () => `/workspaces/${ws.id}/members/${foreign.userId}`, { role: "viewer" }, 404],
  ["change a role to nonsense", "PATCH", () => `/workspaces/${ws.id}/members/${mine.memberId}`, { role: ["admin"] }, 400],
  ["remove an unknown member", "DELETE", () => `/workspaces/${ws.id}/members/${unknownId}`, undefined, 404],
  // tokens
  ["create a token without a name", "POST", () => `/workspaces/${ws.id}/tokens`, {}, 400],
  ["create a token with an unknown role", "POST", () => `/workspaces/${ws.id}/tokens`, { name: "t", role: "root" }, 400],
  ["create a token in another's workspace", "POST", () => `/workspaces/${foreign.workspaceId}/tokens`, { name: "t" }, 404],
  ["revoke another workspace's token through mine", "DELETE", () => `/workspaces/${ws.id}/tokens/${foreign.tokenId}`, undefined, 404],
  ["revoke an unknown token", "DELETE", () => `/workspaces/${ws.id}/tokens/${unknownId}`, undefined, 404],
  // bases
  ["list bases without a workspace", "GET", () => "/bases", undefined, 400],
  ["list bases of another's workspace", "GET", () => `/bases?workspaceId=${foreign.workspaceId}`, undefined, 404],
  ["create a base without a name", "POST", () => "/bases", () => ({ workspaceId: ws.id }), 400],
  ["create a base without a workspace", "POST", () => "/bases", { name: "B" }, 400],
  ["create a base in another's workspace", "POST", () => "/bases", () => ({ workspaceId: foreign.workspaceId, name: "B" }), 404],
  ["create a base with a workspace id of the wrong type", "POST", () => "/bases", { workspaceId: 7, name: "B" }, 400],
  ["read another's base", "GET", () => `/bases/${foreign.baseId}`, undefined, 404],
  ["rename another's base", "PATCH", () => `/bases/${foreign.baseId}`, { name: "Mine" }, 404],
  ["rename a base with a huge name", "PATCH", () => `/bases/${mine.baseId}`, { name: huge }, 400],
  ["delete another's base", "DELETE", () => `/bases/${foreign.baseId}`, undefined, 404],
  ["delete an unknown base", "DELETE", () => `/bases/${unknownId}`, undefined, 404],
  // routing
  ["an unknown endpoint", "GET", () => "/nothing-here", undefined, 404],
  ["an unsupported method", "PUT", () => "/workspaces", { name: "x" }, 405],
];

describe("bad input", () => {
  test.each(cases)("%s → %i", async (_, method, path, body, status) => {
    const db = await getDb();
    const auditCount = async () => (await db.select({ n: count() }).from(auditLog))[0]!.n;
    const before = await auditCount();
    const res = await owner.request(method, path(), typeof body === "function" ? body() : body);
    expectErrorShape(res, status);
    expect(await auditCount()).toBe(before);
  });

  test("nothing of the workspace or the other one changed", async () => {
    expect((await owner.get(`/workspaces/${ws.id}`)).body.name).toBe("Fixture");
    expect((await owner.get(`/bases?workspaceId=${ws.id}`)).body.bases.map((b: { name: string }) => b.name)).toEqual(["Mine"]);
    const db = await getDb();
    const foreignAudit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, foreign.workspaceId));
    expect(foreignAudit.map((e) => e.action).sort()).toEqual(["base.create", "token.create", "workspace.create"]);
  });

  test("an anonymous caller gets 401 before any validation", async () => {
    expectErrorShape(await new RestAgent().post("/workspaces", { name: huge }), 401);
  });
});
