import "server-only";
import type { Db } from "../../db";
import { fields } from "../../db/schema";
import { addPhysicalColumn } from "../../db/tenant/table-ddl";
import { newId } from "../../ids";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { loadTable, fieldOutput } from "../tables/table-meta";
import { type FieldInput, prepareField } from "./prepare-field";

/** Adds the field's metadata and its column in one transaction. */
export async function createField(db: Db, params: { tableId: string; field: FieldInput; actor: AuditActor }) {
  return db.transaction(async (tx) => {
    const table = await loadTable(tx, params.tableId);
    const prepared = prepareField(params.field, table.fields);
    const field = {
      id: newId(),
      name: prepared.name,
      type: prepared.type,
      options: prepared.options,
      position: Math.max(-1, ...table.fields.map((f) => f.position)) + 1,
    };
    await tx.insert(fields).values({ ...field, tableId: table.id });
    await addPhysicalColumn(tx, table.workspaceId, table.id, field.id, prepared.definition.storage(prepared.options));
    const output = fieldOutput(field);
    await recordAudit(tx, params.actor, {
      workspaceId: table.workspaceId,
      action: "field.create",
      resourceType: "field",
      resourceId: field.id,
      after: { tableId: table.id, ...output },
    });
    return output;
  });
}
