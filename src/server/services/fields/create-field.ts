import "server-only";
import type { Db } from "../../db";
import type { AuditActor } from "../../audit/record-audit";
import { loadTable } from "../tables/table-meta";
import { addField } from "./add-field";
import type { FieldInput } from "./prepare-field";
import { fieldsChanged } from "./fields-changed";

/** Adds a field (a link with its inverse) and its storage in one transaction. */
export async function createField(db: Db, params: { tableId: string; field: FieldInput; actor: AuditActor }) {
  const field = await db.transaction(async (tx) => addField(tx, await loadTable(tx, params.tableId), params.field, params.actor, { audit: true }));
  await fieldsChanged(db, params.tableId);
  return field;
}
