import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { can, type Permission } from "@/lib/permissions";
import { type Role, roleRank } from "@/lib/roles";
import type { Actor } from "../auth/actor";
import type { Db } from "../db";
import { auditLog, bases, connections, files, tables, views, workspaceMembers, workspaces } from "../db/schema";
import { AppError, forbidden, notFound } from "../errors";

/**
 * The workspace a request touches, derived from the most specific resource id
 * in its input and looked up in the database: a client cannot name one
 * workspace and act on another's resource.
 */
const resourceWorkspace: ReadonlyArray<[key: string, lookup: (db: Db, id: string) => Promise<string | undefined>]> = [
  ["viewId", async (db, id) => (await db.select({ w: views.workspaceId }).from(views).where(eq(views.id, id)))[0]?.w],
  [
    "tableId",
    async (db, id) =>
      (await db.select({ w: tables.workspaceId }).from(tables).where(and(eq(tables.id, id), isNull(tables.deletedAt))))[0]?.w,
  ],
  // A table in the trash, for restoring it (tableId resolves only live tables).
  ["trashedTableId", async (db, id) => (await db.select({ w: tables.workspaceId }).from(tables).where(eq(tables.id, id)))[0]?.w],
  ["fileId", async (db, id) => (await db.select({ w: files.workspaceId }).from(files).where(eq(files.id, id)))[0]?.w],
  ["connectionId", async (db, id) => (await db.select({ w: connections.workspaceId }).from(connections).where(eq(connections.id, id)))[0]?.w],
  [
    "auditEntryId",
    async (db, id) => (await db.select({ w: auditLog.workspaceId }).from(auditLog).where(eq(auditLog.id, id)))[0]?.w ?? undefined,
  ],
  [
    "baseId",
    async (db, id) => (await db.select({ w: bases.workspaceId }).from(bases).where(eq(bases.id, id)))[0]?.w,
  ],
  [
    "workspaceId",
    async (db, id) => (await db.select({ w: workspaces.id }).from(workspaces).where(eq(workspaces.id, id)))[0]?.w,
  ],
];

export async function resolveWorkspaceId(db: Db, input: unknown): Promise<string> {
  const record = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  for (const [key, lookup] of resourceWorkspace) {
    const id = record[key];
    if (id === undefined) continue;
    if (typeof id !== "string" || id.length > 64) throw new AppError("BAD_REQUEST", `${key} must be an id`);
    const workspaceId = await lookup(db, id);
    if (!workspaceId) throw notFound(key.replace(/Id$/, "").replace(/^./, (c) => c.toUpperCase()));
    return workspaceId;
  }
  throw new AppError("BAD_REQUEST", "The request names no workspace resource");
}

/**
 * The actor's role in a workspace, or null when it has none. A token acts with
 * its own role, capped by its creator's current role (a demoted or removed
 * creator takes the token's power down too).
 */
export async function roleInWorkspace(db: Db, actor: Actor, workspaceId: string): Promise<Role | null> {
  if (actor.kind === "anonymous") return null;
  const userId = actor.kind === "user" ? actor.user.id : actor.token.createdBy;
  if (actor.kind === "token" && actor.token.workspaceId !== workspaceId) return null;
  const [member] = await db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  if (!member) return null;
  if (actor.kind === "token" && roleRank(actor.token.role) < roleRank(member.role)) return actor.token.role;
  return member.role;
}

/** Non-members learn nothing (404); members without the permission get 403. */
export async function authorize(db: Db, actor: Actor, workspaceId: string, permission: Permission): Promise<Role> {
  const role = await roleInWorkspace(db, actor, workspaceId);
  if (!role) throw notFound("Workspace");
  if (!can(role, permission)) throw forbidden();
  return role;
}
