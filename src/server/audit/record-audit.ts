import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { insertMany, type ManyColumn } from "../db/insert-many";
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
  const column = (name: string, values: unknown[], cast?: "jsonb"): ManyColumn => ({ column: name, elementType: "text", values, cast });
  await tx.execute(
    insertMany(sql`audit_log`, [
      column("id", entries.map(() => newId())),
      column("workspace_id", entries.map((e) => e.workspaceId)),
      column("user_id", entries.map(() => actor.userId)),
      column("token_id", entries.map(() => actor.tokenId)),
      column("action", entries.map((e) => e.action)),
      column("resource_type", entries.map((e) => e.resourceType)),
      column("resource_id", entries.map((e) => e.resourceId)),
      column("before", entries.map((e) => e.before ?? null), "jsonb"),
      column("after", entries.map((e) => e.after ?? null), "jsonb"),
    ]),
  );
}
