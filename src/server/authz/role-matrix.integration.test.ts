import { beforeAll, describe, expect, test } from "vitest";
import { roles, type Role } from "@/lib/roles";
import { getDb } from "@/server/db";
import { connectionSchemas } from "@/server/db/schema";
import { createConnection } from "@/server/services/connections/create-connection";
import { createBase } from "@/server/services/bases/bases";
import { createRows } from "@/server/services/rows/create-rows";
import { createTable } from "@/server/services/tables/create-table";
import { loadTable } from "@/server/services/tables/table-meta";
import { createView } from "@/server/services/views/create-view";
import { listViews } from "@/server/services/views/view-meta";
import { workspaceWith, tokenFor } from "@/test/fixtures";
import { expectErrorShape, RestAgent, signedUpAgent } from "@/test/rest-agent";

// Every caller against every workspace action of the REST API, asserting the
// exact status. Each case gets a fresh workspace, so destructive actions
// (delete, remove) cannot disturb the next case.

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
type Fixture = {
  workspaceId: string;
  baseId: string;
  targetUserId: string;
  tokenId: string;
  newcomerEmail: string;
  tableId: string;
  fieldId: string;
  rowId: string;
  /** The table's default Grid view, and a form asking for Name. */
  viewId: string;
  formViewId: string;
  /** A connection to a port where nothing listens, with a cached schema naming one table. */
  connectionId: string;
};
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
  { name: "list tables", minimum: "viewer", status: 200, call: (a, f) => a.get(`/tables?baseId=${f.baseId}`) },
  { name: "read a table", minimum: "viewer", status: 200, call: (a, f) => a.get(`/tables/${f.tableId}`) },
  { name: "create a table", minimum: "admin", status: 201, call: (a, f) => a.post("/tables", { baseId: f.baseId, name: "New" }) },
  { name: "rename a table", minimum: "admin", status: 200, call: (a, f) => a.patch(`/tables/${f.tableId}`, { name: "Renamed" }) },
  { name: "delete a table", minimum: "admin", status: 204, call: (a, f) => a.delete(`/tables/${f.tableId}`) },
  { name: "add a field", minimum: "admin", status: 201, call: (a, f) => a.post(`/tables/${f.tableId}/fields`, { name: "N", type: "number" }) },
  { name: "rename a field", minimum: "admin", status: 200, call: (a, f) => a.patch(`/tables/${f.tableId}/fields/${f.fieldId}`, { name: "Renamed" }) },
  { name: "list rows", minimum: "viewer", status: 200, call: (a, f) => a.get(`/tables/${f.tableId}/rows`) },
  { name: "read a row", minimum: "viewer", status: 200, call: (a, f) => a.get(`/tables/${f.tableId}/rows/${f.rowId}`) },
  { name: "create rows", minimum: "editor", status: 201, call: (a, f) => a.post(`/tables/${f.tableId}/rows`, { rows: [{ fields: { Name: "x" } }] }) },
  { name: "update a row", minimum: "editor", status: 200, call: (a, f) => a.patch(`/tables/${f.tableId}/rows/${f.rowId}`, { fields: { Name: "y" } }) },
  { name: "delete rows", minimum: "editor", status: 200, call: (a, f) => a.delete(`/tables/${f.tableId}/rows`, { ids: [f.rowId] }) },
  { name: "append rows from CSV", minimum: "editor", status: 200, call: (a, f) => a.upload(`/tables/${f.tableId}/import`, "Name\nz\n") },
  { name: "import a CSV as a new table", minimum: "admin", status: 201, call: (a, f) => a.upload(`/tables/import?baseId=${f.baseId}&name=I`, "A\n1\n") },
  { name: "export a table as CSV", minimum: "viewer", status: 200, call: async (a, f) => {
      const r = await a.getText(`/tables/${f.tableId}/export`);
      return { status: r.status, body: r.status >= 400 ? JSON.parse(r.text) : null, headers: r.headers };
    } },
  { name: "upload a file", minimum: "editor", status: 201, call: (a, f) => a.upload(`/files?workspaceId=${f.workspaceId}&name=a.txt`, "a", "text/plain") },
  { name: "read the audit log", minimum: "admin", status: 200, call: (a, f) => a.get(`/audit?workspaceId=${f.workspaceId}`) },
  { name: "list a table's trash", minimum: "editor", status: 200, call: (a, f) => a.get(`/tables/${f.tableId}/trash`) },
  { name: "filter and sort rows", minimum: "viewer", status: 200, call: (a, f) =>
      a.get(`/tables/${f.tableId}/rows?filter=${encodeURIComponent(JSON.stringify({ field: "Name", op: "contains", value: "r" }))}&sort=${encodeURIComponent('[{"field":"Name","dir":"desc"}]')}`) },
  { name: "aggregate rows", minimum: "viewer", status: 200, call: (a, f) =>
      a.post(`/tables/${f.tableId}/aggregate`, { groupBy: ["Name"], aggregates: [{ fn: "count", as: "n" }] }) },
  { name: "explain a rows query", minimum: "admin", status: 200, call: (a, f) => a.get(`/tables/${f.tableId}/rows/explain`) },
  { name: "list views", minimum: "viewer", status: 200, call: (a, f) => a.get(`/views?tableId=${f.tableId}`) },
  { name: "read a view", minimum: "viewer", status: 200, call: (a, f) => a.get(`/views/${f.viewId}`) },
  { name: "read a view's data", minimum: "viewer", status: 200, call: (a, f) => a.get(`/views/${f.viewId}/data`) },
  { name: "create a view", minimum: "editor", status: 201, call: (a, f) => a.post("/views", { tableId: f.tableId, name: "Mine", type: "grid" }) },
  { name: "update a view", minimum: "editor", status: 200, call: (a, f) => a.patch(`/views/${f.viewId}`, { name: "Renamed", sort: [{ field: "Name" }] }) },
  { name: "delete a view", minimum: "editor", status: 204, call: (a, f) => a.delete(`/views/${f.viewId}`) },
  { name: "submit a form", minimum: "editor", status: 201, call: (a, f) => a.post(`/views/${f.formViewId}/submit`, { fields: { Name: "f" } }) },
  { name: "publish a view", minimum: "admin", status: 200, call: (a, f) => a.post(`/views/${f.viewId}/api`, { enabled: true, auth: "api_key" }) },
  { name: "read a table's rules", minimum: "admin", status: 200, call: (a, f) => a.get(`/tables/${f.tableId}/rules`) },
  { name: "set a table's rules", minimum: "admin", status: 200, call: (a, f) =>
      a.put(`/tables/${f.tableId}/rules`, { fields: { [f.fieldId]: { viewer: "read_only" } }, rows: {} }) },
  { name: "list connections", minimum: "admin", status: 200, call: (a, f) => a.get(`/connections?workspaceId=${f.workspaceId}`) },
  { name: "read a connection", minimum: "admin", status: 200, call: (a, f) => a.get(`/connections/${f.connectionId}`) },
  {
    name: "create a connection",
    minimum: "admin",
    status: 201,
    call: (a, f) => a.post("/connections", { workspaceId: f.workspaceId, name: "New", kind: "mysql", host: "127.0.0.1", port: 1 }),
  },
  { name: "update a connection", minimum: "admin", status: 200, call: (a, f) => a.put(`/connections/${f.connectionId}`, { name: "Renamed" }) },
  { name: "delete a connection", minimum: "admin", status: 204, call: (a, f) => a.delete(`/connections/${f.connectionId}`) },
  { name: "test a connection", minimum: "admin", status: 200, call: (a, f) => a.post(`/connections/${f.connectionId}/test`) },
  { name: "read a connection's schema", minimum: "admin", status: 200, call: (a, f) => a.get(`/connections/${f.connectionId}/schema`) },
  // Allowed through, then the database cannot be reached: 502, never a 500.
  { name: "query a connection", minimum: "admin", status: 502, call: (a, f) => a.post(`/connections/${f.connectionId}/query`, { table: "public.t" }) },
  // From the cached schema, so the unreachable database is not asked.
  {
    name: "add an external table to a base",
    minimum: "admin",
    status: 201,
    call: (a, f) => a.post(`/connections/${f.connectionId}/tables`, { baseId: f.baseId, table: "public.t" }),
  },
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

beforeAll(async () => {
  for (const key of ["owner", "admin", "editor", "viewer", "target", "outsider"] as const) {
    people[key] = await signedUpAgent(key);
  }
});

async function setUp(caller: Caller, action: Action): Promise<{ agent: RestAgent; fixture: Fixture }> {
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
  const table = await createTable(db, {
    workspaceId: workspace.id,
    baseId: base.id,
    name: "T",
    fields: [{ name: "Name", type: "text" }],
    actor: { userId: owner.id, tokenId: null },
  });
  const [row] = await createRows(db, {
    table: await loadTable(db, table.id),
    rows: [{ fields: { Name: "r" } }],
    actor: { userId: owner.id, tokenId: null },
    reader: { role: "owner", userId: owner.id },
  });
  const fixture: Fixture = {
    workspaceId: workspace.id,
    baseId: base.id,
    targetUserId: people.target!.user.id,
    tokenId: revocable.id,
    tableId: table.id,
    fieldId: table.fields[0]!.id,
    rowId: row!.id,
    viewId: (await listViews(db, table.id))[0]!.id,
    formViewId: (
      await createView(db, {
        table: await loadTable(db, table.id),
        input: { name: "Form", type: "form", config: { fields: [{ fieldId: table.fields[0]!.id }] } },
        reader: { role: "owner", userId: owner.id },
        actor: { userId: owner.id, tokenId: null },
      })
    ).id,
    connectionId: await unreachableConnection(db, workspace.id, owner.id),
    // Only adding a member needs someone new (a sign-up costs an argon2 hash).
    newcomerEmail: action.name === "add a member" ? (await signedUpAgent("newcomer")).user.email : "",
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

async function unreachableConnection(db: Awaited<ReturnType<typeof getDb>>, workspaceId: string, ownerId: string): Promise<string> {
  const actor = { userId: ownerId, tokenId: null };
  const connection = await createConnection(db, { workspaceId, name: "Closed", kind: "postgres", input: { host: "127.0.0.1", port: 1 }, actor });
  const table = { name: "t", kind: "table" as const, primaryKey: ["id"], columns: [{ name: "id", type: "number" as const, nativeType: "integer", nullable: false }], foreignKeys: [] };
  await db.insert(connectionSchemas).values({ connectionId: connection.id, schema: { schemas: [{ name: "public", tables: [table] }] } });
  return connection.id;
}

describe.each(actions)("$name", (action) => {
  test.each(callers.map((c) => [callerName(c), c] as const))("as %s", async (_, caller) => {
    const { agent, fixture } = await setUp(caller, action);
    const res = await action.call(agent, fixture);
    const expected = expectedStatus(action, caller);
    if (expected >= 400) expectErrorShape(res, expected);
    else expect(res.status, JSON.stringify(res.body)).toBe(expected);
  });
});
