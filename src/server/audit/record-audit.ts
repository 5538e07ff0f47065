import "server-only";
import type { Db } from "../db";
import { auditLog } from "../db/schema";
import { newId } from "../ids";

export type AuditActor = { userId: string | null; tokenId: string | null };

export type AuditEntry = {
  workspaceId: string | null;
  action: string;
  resourceType: string;
  resourceId: string;
  before?: unknown;
  after?: unknown;
};

/** Call with the mutation's transaction, so the record and the change commit together. */
export async function recordAudit(tx: Db, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, actor, [entry]);
}

/** Many records in one statement (a batch of row changes). */
export async function recordAudits(tx: Db, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditLog).values(entries.map((entry) => ({
    id: newId(),
    workspaceId: entry.workspaceId,
    userId: actor.userId,
    tokenId: actor.tokenId,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  })));
}
