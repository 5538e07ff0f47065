import "server-only";
import type { Db } from "../../db";
import { eq } from "drizzle-orm";
import { tables } from "../../db/schema";
import { createPhysicalTable } from "../../db/tenant/table-ddl";
import { AppError } from "../../errors";
import { newId } from "../../ids";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { addField } from "../fields/add-field";
import { createDefaultView } from "../views/create-view";
import { assertPrimaryCapable, type FieldInput, prepareField } from "../fields/prepare-field";
import { loadTable, tableOutput } from "./table-meta";

/**
 * Metadata and DDL in one transaction: the physical table ws_<w>.t_<id>, one
 * column per field. The first field is the primary one; without fields the
 * table gets a "Name" text field.
 */
export async function createTable(
  db: Db,
  params: { workspaceId: string; baseId: string; name: string; fields?: FieldInput[]; actor: AuditActor },
) {
  const inputs = params.fields && params.fields.length > 0 ? params.fields : [{ name: "Name", type: "text" }];
  if (inputs.length > 500) throw new AppError("BAD_REQUEST", "A table can have at most 500 fields");
  // Checked before the transaction, so a bad definition costs no DDL.
  const prepared: Array<ReturnType<typeof prepareField> & { id: string }> = [];
  for (const input of inputs) prepared.push({ ...prepareField(input, prepared), id: String(prepared.length) });
  assertPrimaryCapable({ name: params.name }, prepared[0]!);

  const tableId = newId();
  return db.transaction(async (tx) => {
    await tx.insert(tables).values({
      id: tableId,
      workspaceId: params.workspaceId,
      baseId: params.baseId,
      name: params.name,
      createdBy: params.actor.userId,
    });
    await createPhysicalTable(tx, params.workspaceId, tableId);
    let primaryFieldId: string | undefined;
    for (const input of inputs) {
      const field = await addField(tx, await loadTable(tx, tableId), input, params.actor, { audit: false });
      primaryFieldId ??= field.id;
    }
    await tx.update(tables).set({ primaryFieldId }).where(eq(tables.id, tableId));
    return finishNewTable(tx, { workspaceId: params.workspaceId, tableId, actor: params.actor });
  });
}

/**
 * The last steps of making any table, hosted or mounted, once its fields
 * exist: its default grid view, and the `table.create` audit entry holding
 * the table as the API answers it (which is returned).
 */
export async function finishNewTable(tx: Db, params: { workspaceId: string; tableId: string; actor: AuditActor }) {
  await createDefaultView(tx, params);
  const table = tableOutput(await loadTable(tx, params.tableId));
  await recordAudit(tx, params.actor, { workspaceId: params.workspaceId, action: "table.create", resourceType: "table", resourceId: params.tableId, after: table });
  return table;
}
