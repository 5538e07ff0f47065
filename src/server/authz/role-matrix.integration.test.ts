import { beforeAll, describe, expect, test } from "vitest";
import { roles, type Role } from "@/lib/roles";
import { getDb } from "@/server/db";
import { createBase } from "@/server/services/bases/bases";
import { workspaceWith, tokenFor } from "@/test/fixtures";
import { expectErrorShape, RestAgent, signedUpAgent } from "@/test/rest-agent";

// Every caller against every workspace action of the REST API, asserting the
// exact status. Each case gets a fresh workspace, so destructive actions
// (delete, remove) cannot disturb the next case.

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
type Fixture = { workspaceId: string; baseId: string; targetUserId: string; tokenId: string; newcomerEmail: string };
type Action = {
  name: string;
  /** The weakest role allowed; every stronger role is allowed too. */
  minimum: Role;
  status: number;
  call: (agent: RestAgent, f: Fixture) => ReturnType<RestAgent["get"]>;
};

const actions: Action[] = [
  { name: "read workspace", minimum: "viewer", status: 200, call: (a, f) => a.get(`/workspaces/${f.workspaceId}`) },
  { name: "rename workspace", minimum: "admin", status: 200, call: (a, f) => a.patch(`/workspaces/${f.workspaceId}`, { name: "Renamed" }) },
  { name: "delete workspace", minimum: "owner", status: 204, call: (a, f) => a.delete(`/workspaces/${f.workspaceId}`) },
  { name: "list members", minimum: "viewer", status: 200, call: (a, f) => a.get(`/workspaces/${f.workspaceId}/members`) },
  {
    name: "add a member",
    minimum: "admin",
    status: 201,
    call: (a, f) => a.post(`/workspaces/${f.workspaceId}/members`, { email: f.newcomerEmail, role: "viewer" }),
  },
  {
    name: "change a member's role",
    minimum: "admin",
    status: 200,
    call: (a, f) => a.patch(`/workspaces/${f.workspaceId}/members/${f.targetUserId}`, { role: "viewer" }),
  },
  { name: "remove a member", minimum: "admin", status: 204, call: (a, f) => a.delete(`/workspaces/${f.workspaceId}/members/${f.targetUserId}`) },
  { name: "list API tokens", minimum: "admin", status: 200, call: (a, f) => a.get(`/workspaces/${f.workspaceId}/tokens`) },
  {
    name: "create an API token",
    minimum: "admin",
    status: 201,
    call: (a, f) => a.post(`/workspaces/${f.workspaceId}/tokens`, { name: "ci", role: "viewer" }),
  },
  { name: "revoke an API token", minimum: "admin", status: 204, call: (a, f) => a.delete(`/workspaces/${f.workspaceId}/tokens/${f.tokenId}`) },
  { name: "list bases", minimum: "viewer", status: 200, call: (a, f) => a.get(`/bases?workspaceId=${f.workspaceId}`) },
  { name: "read a base", minimum: "viewer", status: 200, call: (a, f) => a.get(`/bases/${f.baseId}`) },
  { name: "create a base", minimum: "admin", status: 201, call: (a, f) => a.post("/bases", { workspaceId: f.workspaceId, name: "New" }) },
  { name: "rename a base", minimum: "admin", status: 200, call: (a, f) => a.patch(`/bases/${f.baseId}`, { name: "Renamed" }) },
  { name: "delete a base", minimum: "admin", status: 204, call: (a, f) => a.delete(`/bases/${f.baseId}`) },
];

type Caller =
  | { kind: "member"; role: Role }
  | { kind: "token"; role: Role }
  | { kind: "non-member" }
  | { kind: "foreign-token" }
  | { kind: "anonymous" };

const callers: Caller[] = [
  ...roles.map((role): Caller => ({ kind: "member", role })),
  ...roles.map((role): Caller => ({ kind: "token", role })),
  { kind: "non-member" },
  { kind: "foreign-token" },
  { kind: "anonymous" },
];

const callerName = (c: Caller) => ("role" in c ? `${c.role} ${c.kind}` : c.kind);

function expectedStatus(action: Action, caller: Caller): number {
  if (caller.kind === "anonymous") return 401;
  // Outsiders learn nothing about the workspace, not even that it exists.
  if (caller.kind === "non-member" || caller.kind === "foreign-token") return 404;
  return roles.indexOf(caller.role) >= roles.indexOf(action.minimum) ? action.status : 403;
}

const people: Partial<Record<Role | "target" | "outsider", Agent>> = {};
const newcomers: string[] = [];

beforeAll(async () => {
  for (const key of ["owner", "admin", "editor", "viewer", "target", "outsider"] as const) {
    people[key] = await signedUpAgent(key);
  }
  for (let i = 0; i < actions.length * callers.length; i++) newcomers.push((await signedUpAgent(`newcomer${i}`)).user.email);
});

let caseNumber = 0;
async function setUp(caller: Caller): Promise<{ agent: RestAgent; fixture: Fixture }> {
  const owner = people.owner!.user;
  const workspace = await workspaceWith(owner, [
    [people.admin!.user, "admin"],
    [people.editor!.user, "editor"],
    [people.viewer!.user, "viewer"],
    [people.target!.user, "editor"],
  ]);
  const db = await getDb();
  const base = await createBase(db, { workspaceId: workspace.id, name: "Base", actor: { userId: owner.id, tokenId: null } });
  const revocable = await tokenFor(workspace.id, owner, "owner", "viewer");
  const fixture: Fixture = {
    workspaceId: workspace.id,
    baseId: base.id,
    targetUserId: people.target!.user.id,
    tokenId: revocable.id,
    newcomerEmail: newcomers[caseNumber++]!,
  };
  let agent = new RestAgent();
  if (caller.kind === "member") agent = people[caller.role]!;
  if (caller.kind === "non-member") agent = people.outsider!;
  if (caller.kind === "token") {
    const creatorRole: Role = caller.role === "owner" ? "owner" : "admin";
    agent.bearer = (await tokenFor(workspace.id, people[creatorRole]!.user, creatorRole, caller.role)).token;
  }
  if (caller.kind === "foreign-token") {
    const elsewhere = await workspaceWith(people.outsider!.user);
    agent.bearer = (await tokenFor(elsewhere.id, people.outsider!.user, "owner", "owner")).token;
  }
  return { agent, fixture };
}

describe.each(actions)("$name", (action) => {
  test.each(callers.map((c) => [callerName(c), c] as const))("as %s", async (_, caller) => {
    const { agent, fixture } = await setUp(caller);
    const res = await action.call(agent, fixture);
    const expected = expectedStatus(action, caller);
    if (expected >= 400) expectErrorShape(res, expected);
    else expect(res.status, JSON.stringify(res.body)).toBe(expected);
  });
});
