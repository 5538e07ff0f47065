import { Liveblocks } from "@liveblocks/node";
import { beforeAll, describe, expect, test } from "vitest";
import { tableRoomId } from "@/lib/realtime/room-id";
import { resolveActor } from "@/server/auth/actor";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { createBase } from "@/server/services/bases/bases";
import { removeMember } from "@/server/services/members/remove-member";
import { createTable } from "@/server/services/tables/create-table";
import { workspaceWith } from "@/test/fixtures";
import { signedUpAgent } from "@/test/rest-agent";
import { authorizeRoom } from "./authorize-room";
import { broadcastTableChange, installRealtimeBroadcast } from "./broadcast-table-change";
import { maxEventRows } from "@/lib/realtime/table-event";
import { createClient } from "@liveblocks/client";
// Node 20 has no WebSocket of its own (without a flag); undici's is the one Node's later versions ship.
import { WebSocket } from "undici";
import { arrivingPresence } from "@/lib/realtime/presence";

// Against the real Liveblocks dev server (`npx liveblocks dev`), which .ci/run
// starts and names in TEST_LIVEBLOCKS_URL. Unset: skipped, said out loud.
const url = process.env.TEST_LIVEBLOCKS_URL;
if (!url) console.warn("realtime integration tests skipped: set TEST_LIVEBLOCKS_URL to a running `liveblocks dev` server");

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;

/** The permissions a token grants, read from its payload (the dev server signs with alg "none"; the claims are what matter). */
function permissionsOf(body: string): Record<string, string[]> {
  const { token } = JSON.parse(body) as { token: string };
  return (JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { perms: Record<string, string[]> }).perms;
}

describe.skipIf(!url)("realtime with the Liveblocks dev server", () => {
  const client = new Liveblocks({ secret: "sk_localdev", baseUrl: url ?? "http://localhost:1153" });
  let owner: Agent, editor: Agent, viewer: Agent, outsider: Agent;
  let workspaceId: string, tableId: string, roomId: string, baseId: string;

  const signIn = async (agent: Agent, room: unknown) => authorizeRoom(await getDb(), client, await resolveActor(await getDb(), new Headers({ cookie: agent.cookie! })), room);
  const refusal = (promise: Promise<unknown>) => promise.then(() => "granted", (e: unknown) => (e instanceof AppError ? e.code : String(e)));

  beforeAll(async () => {
    // Set but unreachable is a failure, not a skip.
    expect((await fetch(`${url}/health`)).ok).toBe(true);
    owner = await signedUpAgent("owner");
    editor = await signedUpAgent("editor");
    viewer = await signedUpAgent("viewer");
    outsider = await signedUpAgent("outsider");
    const db = await getDb();
    const workspace = await workspaceWith(owner.user, [
      [editor.user, "editor"],
      [viewer.user, "viewer"],
    ]);
    workspaceId = workspace.id;
    const actor = { userId: owner.user.id, tokenId: null };
    const base = await createBase(db, { workspaceId, name: "Base", actor });
    baseId = base.id;
    tableId = (await createTable(db, { workspaceId, baseId: base.id, name: "Tasks", actor })).id;
    roomId = tableRoomId(workspaceId, tableId);
  });

  test("writers get write access to the table's room but not to its storage (the server's events), viewers read access (they still share presence), and nothing else", async () => {
    const granted = await signIn(editor, roomId);
    expect(granted.status).toBe(200);
    expect(permissionsOf(granted.body)).toEqual({ [roomId]: ["*:write", "storage:read"] });
    expect(permissionsOf((await signIn(viewer, roomId)).body)).toEqual({ [roomId]: ["*:read"] });
  });

  test("non-members, other workspaces' rooms, missing tables and anonymous callers are refused", async () => {
    expect(await refusal(signIn(outsider, roomId))).toBe("NOT_FOUND");
    const other = await workspaceWith(outsider.user);
    expect(await refusal(signIn(outsider, tableRoomId(other.id, tableId)))).toBe("NOT_FOUND");
    expect(await refusal(signIn(editor, tableRoomId(workspaceId, "missing")))).toBe("NOT_FOUND");
    expect(await refusal(signIn(editor, "not-a-room"))).toBe("BAD_REQUEST");
    const anonymous = authorizeRoom(await getDb(), client, { kind: "anonymous" }, roomId);
    expect(await refusal(anonymous)).toBe("UNAUTHORIZED");
  });

  test("a removed member is refused the next time they ask", async () => {
    const leaving = await signedUpAgent("leaving");
    const workspace = await workspaceWith(owner.user, [[leaving.user, "editor"]]);
    const db = await getDb();
    const base = await createBase(db, { workspaceId: workspace.id, name: "B", actor: { userId: owner.user.id, tokenId: null } });
    const table = await createTable(db, { workspaceId: workspace.id, baseId: base.id, name: "T", actor: { userId: owner.user.id, tokenId: null } });
    const room = tableRoomId(workspace.id, table.id);
    expect((await signIn(leaving, room)).status).toBe(200);
    await removeMember(db, { workspaceId: workspace.id, userId: leaving.user.id, actorRole: "owner", actor: { userId: owner.user.id, tokenId: null } });
    expect(await refusal(signIn(leaving, room))).toBe("NOT_FOUND");
  });

  test("a change is written to the room as what changed, without values, keeping only the newest events", async () => {
    await client.getOrCreateRoom(roomId, { defaultAccesses: [] });
    for (let i = 0; i < 25; i++) await broadcastTableChange(client, { workspaceId, tableId, kind: i === 24 ? "fields" : "rows" });
    const storage = (await client.getStorageDocument(roomId, "json")) as Record<string, unknown>;
    const keys = Object.keys(storage).sort();
    expect(keys).toHaveLength(20);
    expect(storage[keys.at(-1)!]).toEqual({ kind: "fields" });
    expect(new Set(Object.values(storage).map((e) => JSON.stringify(e)))).toEqual(new Set(['{"kind":"rows"}', '{"kind":"fields"}']));
  });

  test("a row change is written with its ids, changed field ids and versions; past the bound, as 'rows changed' alone", async () => {
    const room = tableRoomId(workspaceId, `${tableId}-rows`);
    await client.getOrCreateRoom(room, { defaultAccesses: [] });
    const rows = { created: ["7"], updated: [{ id: "3", version: 4, fields: ["fld_a"] }], deleted: ["2"] };
    await broadcastTableChange(client, { workspaceId, tableId: `${tableId}-rows`, kind: "rows", rows });
    const many = { created: Array.from({ length: maxEventRows + 1 }, (_, i) => String(i)), updated: [], deleted: [] };
    await broadcastTableChange(client, { workspaceId, tableId: `${tableId}-rows`, kind: "rows", rows: many });
    const storage = (await client.getStorageDocument(room, "json")) as Record<string, unknown>;
    expect(Object.keys(storage).sort().map((key) => storage[key])).toEqual([{ kind: "rows", rows }, { kind: "rows" }]);
  });

  test("a write through the API reaches a client in the room as the event naming its row, and the row read back holds the new value", async () => {
    const stop = installRealtimeBroadcast(client);
    try {
      const table = (await owner.post("/tables", { baseId, name: "Live", fields: [{ name: "Name", type: "text" }] })).body;
      const row = (await owner.post(`/tables/${table.id}/rows`, { rows: [{ fields: { Name: "before" } }] })).body.rows[0];
      const room = tableRoomId(workspaceId, table.id);
      await client.getOrCreateRoom(room, { defaultAccesses: [] });
      // A real member of the room, signed in through the app's own auth endpoint, hears the event arrive in storage.
      const member = createClient({
        polyfills: { WebSocket },
        baseUrl: url!,
        authEndpoint: async (roomId) => JSON.parse((await signIn(viewer, roomId)).body) as { token: string },
      });
      const { room: joined, leave } = member.enterRoom(room, { initialPresence: arrivingPresence("") });
      try {
        const { root } = await joined.getStorage();
        const heard = new Promise<unknown>((resolve) => {
          joined.subscribe(root, () => {
            const keys = [...root.keys()].sort();
            if (keys.length > 0) resolve(root.get(keys.at(-1)!));
          });
        });
        const updated = await owner.patch(`/tables/${table.id}/rows/${row.id}`, { fields: { Name: "after" } });
        expect(updated.status).toBe(200);
        const event = await heard;
        expect(event).toEqual({ kind: "rows", rows: { created: [], updated: [{ id: row.id, version: row.version + 1, fields: [table.fields[0].id] }], deleted: [] } });
        expect(JSON.stringify(event)).not.toContain("after");
        const readBack = await viewer.get(`/tables/${table.id}/rows/${row.id}`);
        expect(readBack.body.fields.Name).toBe("after");
      } finally {
        leave();
      }
    } finally {
      stop();
    }
  });

  test("a change to a table nobody has opened (no room) is dropped quietly", async () => {
    await expect(broadcastTableChange(client, { workspaceId, tableId: "never-opened", kind: "rows" })).resolves.toBeUndefined();
  });
});
