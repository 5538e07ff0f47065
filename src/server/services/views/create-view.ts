import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { views } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import type { Reader } from "../../authz/table-policy";
import { tableChanged } from "../../events/table-changes";
import { prepareViewReads } from "../../query/indexes";
import { newId } from "../../ids";
import type { TableMeta } from "../tables/table-meta";
import { viewMeta, viewOutput } from "./view-meta";
import { prepareViewSettings, type ViewSettingsInput } from "./prepare-view";

export type CreateViewInput = ViewSettingsInput & { name: string };

/** A new view of the table, after the table's views; audited as view.create. */
export async function createView(db: Db, params: { table: TableMeta; input: CreateViewInput; reader: Reader; actor: AuditActor }) {
  const { table, input } = params;
  const settings = prepareViewSettings(table, params.reader, input, new Set(["filter", "sort", "groupBy", "hiddenFields", "config"]));
  const view = await db.transaction(async (tx) => {
    const created = await insertView(tx, {
      id: newId(),
      workspaceId: table.workspaceId,
      tableId: table.id,
      name: input.name,
      type: input.type,
      filter: settings.filter ?? null,
      sort: settings.sort ?? [],
      groupBy: settings.groupBy ?? [],
      hiddenFields: settings.hiddenFields ?? [],
      config: settings.config ?? {},
      createdBy: params.actor.userId,
    });
    await recordAudit(tx, params.actor, {
      workspaceId: table.workspaceId,
      action: "view.create",
      resourceType: "view",
      resourceId: created.id,
      after: created,
    });
    return created;
  });
  await tableChanged({ workspaceId: table.workspaceId, tableId: table.id, kind: "views" });
  await prepareViewReads(db, table, view);
  return view;
}

/** Inserts a view after the table's others (or at its recorded position when restoring one). */
export async function insertView(tx: Db, values: typeof views.$inferInsert) {
  const [{ next }] = (await tx
    .select({ next: sql<number>`coalesce(max(${views.position}) + 1, 0)::int` })
    .from(views)
    .where(eq(views.tableId, values.tableId))) as [{ next: number }];
  const [row] = await tx.insert(views).values({ position: next, ...values }).returning();
  return viewOutput(viewMeta(row!));
}

/** The view every new table starts with (in the table's creating transaction). */
export async function createDefaultView(tx: Db, params: { workspaceId: string; tableId: string; actor: AuditActor }) {
  return insertView(tx, {
    id: newId(),
    workspaceId: params.workspaceId,
    tableId: params.tableId,
    name: "Grid",
    type: "grid",
    createdBy: params.actor.userId,
  });
}
