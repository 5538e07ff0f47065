import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { bases, tables } from "../../db/schema";
import { notFound } from "../../errors";
import { newId } from "../../ids";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { tableChanged } from "../../events/table-changes";

const baseColumns = { id: bases.id, workspaceId: bases.workspaceId, name: bases.name, createdAt: bases.createdAt };

export async function listBases(db: Db, workspaceId: string) {
  return db.select(baseColumns).from(bases).where(eq(bases.workspaceId, workspaceId)).orderBy(asc(bases.createdAt), asc(bases.id));
}

export async function getBase(db: Db, baseId: string) {
  const [base] = await db.select(baseColumns).from(bases).where(eq(bases.id, baseId));
  if (!base) throw notFound("Base");
  return base;
}

export async function createBase(db: Db, params: { workspaceId: string; name: string; actor: AuditActor }) {
  const base = { id: newId(), workspaceId: params.workspaceId, name: params.name };
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(bases)
      .values({ ...base, createdBy: params.actor.userId })
      .returning(baseColumns);
    await recordAudit(tx, params.actor, {
      workspaceId: params.workspaceId,
      action: "base.create",
      resourceType: "base",
      resourceId: base.id,
      after: base,
    });
    return created!;
  });
}

export async function renameBase(db: Db, params: { baseId: string; name: string; actor: AuditActor }) {
  return db.transaction(async (tx) => {
    const before = await getBase(tx, params.baseId);
    const [updated] = await tx.update(bases).set({ name: params.name }).where(eq(bases.id, params.baseId)).returning(baseColumns);
    await recordAudit(tx, params.actor, {
      workspaceId: before.workspaceId,
      action: "base.update",
      resourceType: "base",
      resourceId: params.baseId,
      before: { name: before.name },
      after: { name: params.name },
    });
    return updated!;
  });
}

export async function deleteBase(db: Db, params: { baseId: string; actor: AuditActor }) {
  const gone = await db.transaction(async (tx) => {
    const before = await getBase(tx, params.baseId);
    const baseTables = await tx.select({ id: tables.id }).from(tables).where(eq(tables.baseId, params.baseId));
    await tx.delete(bases).where(eq(bases.id, params.baseId));
    await recordAudit(tx, params.actor, {
      workspaceId: before.workspaceId,
      action: "base.delete",
      resourceType: "base",
      resourceId: params.baseId,
      before: { name: before.name },
    });
    return { workspaceId: before.workspaceId, tableIds: baseTables.map((t) => t.id) };
  });
  // Its tables' published views stop answering at once.
  for (const tableId of gone.tableIds) await tableChanged({ workspaceId: gone.workspaceId, tableId, kind: "table" });
}
