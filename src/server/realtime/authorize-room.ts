import "server-only";
import type { Liveblocks } from "@liveblocks/node";
import { can } from "@/lib/permissions";
import { parseTableRoomId, tableRoomId } from "@/lib/realtime/room-id";
import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { authorize, resolveWorkspaceId } from "../authz/workspace-access";
import { AppError, notFound } from "../errors";

/** A stable colour per user, so everyone sees the same person in the same colour. */
function colourOf(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 70% 45%)`;
}

/**
 * Signs a signed-in member into one table's room: write access for those who
 * may write rows, read access (which still lets them share presence) for the
 * others. Checked on every (re)connection, so a removed member is refused
 * the next time the client asks.
 */
export async function authorizeRoom(db: Db, liveblocks: Liveblocks, actor: Actor, roomId: unknown): Promise<{ status: number; body: string }> {
  if (actor.kind !== "user") throw new AppError("UNAUTHORIZED", "Sign in to join a table's room");
  const room = typeof roomId === "string" ? parseTableRoomId(roomId) : null;
  if (!room) throw new AppError("BAD_REQUEST", "room must be a table's room id");
  // The table decides the workspace; a room id naming another workspace is refused like a missing table.
  const workspaceId = await resolveWorkspaceId(db, { tableId: room.tableId });
  if (workspaceId !== room.workspaceId) throw notFound("Table");
  const role = await authorize(db, actor, workspaceId, "table.read");
  const session = liveblocks.prepareSession(actor.user.id, { userInfo: { name: actor.user.name, color: colourOf(actor.user.id) } });
  // Storage is read-only for everyone: it carries the server's change events, which no browser may forge.
  session.allow(tableRoomId(room.workspaceId, room.tableId), can(role, "row.write") ? ["*:write", "storage:read"] : ["*:read"]);
  return session.authorize();
}
