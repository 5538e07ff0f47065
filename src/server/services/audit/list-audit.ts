import "server-only";
import { and, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db";
import { auditLog } from "../../db/schema";
import { AppError } from "../../errors";

export type AuditQuery = {
  workspaceId: string;
  userId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
};

// Newest first; the cursor is the last entry's (at, id), so pages never skip or repeat.
const encodeCursor = (at: Date, id: string) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string];
    const date = new Date(at);
    if (typeof id !== "string" || Number.isNaN(date.getTime())) throw new Error("bad cursor");
    return { at: date, id };
  } catch {
    throw new AppError("BAD_REQUEST", "Invalid cursor");
  }
}

export async function listAudit(db: Db, query: AuditQuery) {
  const conditions: Array<SQL | undefined> = [eq(auditLog.workspaceId, query.workspaceId)];
  if (query.userId) conditions.push(eq(auditLog.userId, query.userId));
  if (query.action) conditions.push(eq(auditLog.action, query.action));
  if (query.resourceType) conditions.push(eq(auditLog.resourceType, query.resourceType));
  if (query.resourceId) conditions.push(eq(auditLog.resourceId, query.resourceId));
  if (query.from) conditions.push(gte(auditLog.at, query.from));
  if (query.to) conditions.push(lte(auditLog.at, query.to));
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    conditions.push(or(lt(auditLog.at, c.at), and(eq(auditLog.at, c.at), lt(auditLog.id, c.id))));
  }
  const entries = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      userId: auditLog.userId,
      tokenId: auditLog.tokenId,
      action: auditLog.action,
      resourceType: auditLog.resourceType,
      resourceId: auditLog.resourceId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.limit + 1);
  const page = entries.slice(0, query.limit);
  const last = page.at(-1);
  return { entries: page, nextCursor: entries.length > query.limit && last ? encodeCursor(last.at, last.id) : null };
}
