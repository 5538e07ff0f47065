import "server-only";
import type { Db } from "../../db";
import { fields, tables } from "../../db/schema";
import { addPhysicalColumn, createPhysicalTable } from "../../db/tenant/table-ddl";
import { AppError } from "../../errors";
import { newId } from "../../ids";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
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
  const prepared: Array<ReturnType<typeof prepareField> & { id: string }> = [];
  for (const input of inputs) prepared.push({ ...prepareField(input, prepared), id: newId() });
  assertPrimaryCapable({ name: params.name }, prepared[0]!);

  const tableId = newId();
  return db.transaction(async (tx) => {
    await tx.insert(tables).values({
      id: tableId,
      workspaceId: params.workspaceId,
      baseId: params.baseId,
      name: params.name,
      primaryFieldId: prepared[0]!.id,
      createdBy: params.actor.userId,
    });
    await createPhysicalTable(tx, params.workspaceId, tableId);
    for (const [position, f] of prepared.entries()) {
      await tx.insert(fields).values({ id: f.id, tableId, name: f.name, type: f.type, options: f.options, position });
      await addPhysicalColumn(tx, params.workspaceId, tableId, f.id, f.definition.storage(f.options));
    }
    const table = tableOutput(await loadTable(tx, tableId));
    await recordAudit(tx, params.actor, {
      workspaceId: params.workspaceId,
      action: "table.create",
      resourceType: "table",
      resourceId: tableId,
      after: table,
    });
    return table;
  });
}
