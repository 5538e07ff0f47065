import "server-only";
import type { FieldType } from "@/lib/fields/field-type";
import type { LinkOptions } from "@/lib/fields/types/link";
import type { RollupOptions } from "@/lib/fields/types/computed";
import type { Db } from "../../db";
import { fields } from "../../db/schema";
import { addPhysicalColumn, createJunction } from "../../db/tenant/table-ddl";
import { AppError } from "../../errors";
import { checkFormulaField } from "../../formula/check-formula-field";
import { newId } from "../../ids";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { fieldOutput, type FieldMeta, loadTable, type TableMeta, assertInternal } from "../tables/table-meta";
import { type FieldInput, prepareField } from "./prepare-field";

const numericTypes = new Set<FieldType>(["number", "currency", "percent", "duration", "rating", "progress", "autonumber"]);
const orderedTypes = new Set<FieldType>([...numericTypes, "date", "datetime", "created_time", "last_modified_time"]);
const lookable = (type: FieldType) => !["link", "lookup", "rollup", "count", "formula"].includes(type);

/**
 * Adds one field to a table in the caller's transaction: metadata, then its
 * storage. A link also gets its inverse field on the other table and the
 * junction both share; a lookup, rollup or count is checked against the link
 * it reads through. Returns the field as the API shows it.
 */
export async function addField(tx: Db, table: TableMeta, input: FieldInput, actor: AuditActor, opts: { audit: boolean }) {
  // A mounted table's fields are its database's columns.
  assertInternal(table, "Adding a field");
  const prepared = prepareField(input, table.fields);
  const position = (t: Pick<TableMeta, "fields">) => Math.max(-1, ...t.fields.map((f) => f.position)) + 1;
  const field: FieldMeta = { id: newId(), name: prepared.name, type: prepared.type, options: prepared.options, position: position(table) };
  const created: Array<{ field: FieldMeta; tableId: string }> = [{ field, tableId: table.id }];

  if (field.type === "link") {
    const { inverseName, ...requested } = field.options as LinkOptions & { inverseName?: string };
    const target = requested.tableId === table.id ? table : await loadTable(tx, requested.tableId).catch(() => null);
    if (target) assertInternal(target, "Linking to a table");
    if (!target || target.workspaceId !== table.workspaceId) {
      throw new AppError("BAD_REQUEST", `Field "${field.name}": the linked table must be a table of this workspace`, { field: field.name });
    }
    const inverseId = newId();
    field.options = { tableId: target.id, multiple: requested.multiple, inverseFieldId: inverseId, junctionFieldId: field.id, side: "a" };
    const others = target.id === table.id ? [...table.fields, field] : target.fields;
    let name = (inverseName ?? table.name).slice(0, 90);
    for (let n = 2; others.some((f) => f.name.toLowerCase() === name.toLowerCase()); n++) name = `${(inverseName ?? table.name).slice(0, 90)} (${n})`;
    const inverse: FieldMeta = {
      id: inverseId,
      name,
      type: "link",
      options: { tableId: table.id, multiple: true, inverseFieldId: field.id, junctionFieldId: field.id, side: "b" },
      position: target.id === table.id ? field.position + 1 : position(target),
    };
    created.push({ field: inverse, tableId: target.id });
    await insertFields(tx, created);
    await createJunction(tx, table.workspaceId, field.id, table.id, target.id);
  } else {
    if (field.type === "lookup" || field.type === "rollup" || field.type === "count") checkComputed(table, field);
    if (field.type === "formula") checkFormulaField(table.fields, field);
    await insertFields(tx, created);
    await addPhysicalColumn(tx, table.workspaceId, table.id, field.id, prepared.definition.storage(field.options));
  }

  if (opts.audit) {
    for (const c of created) {
      await recordAudit(tx, actor, {
        workspaceId: table.workspaceId,
        action: "field.create",
        resourceType: "field",
        resourceId: c.field.id,
        after: { tableId: c.tableId, ...fieldOutput(c.field) },
      });
    }
  }
  return fieldOutput(field);
}

async function insertFields(tx: Db, created: Array<{ field: FieldMeta; tableId: string }>) {
  for (const { field, tableId } of created) {
    await tx.insert(fields).values({ ...field, tableId });
  }
}

/** A lookup, rollup or count must read through a link field of its own table, to a field that exists there. */
export function checkComputed(table: TableMeta, field: FieldMeta) {
  const options = field.options as { linkFieldId: string; fieldId?: string; fn?: RollupOptions["fn"] };
  const bad = (message: string) => new AppError("BAD_REQUEST", `Field "${field.name}": ${message}`, { field: field.name });
  const linkField = table.fields.find((f) => f.id === options.linkFieldId);
  if (!linkField || linkField.type !== "link") throw bad("linkFieldId must name a link field of this table");
  if (field.type === "count") return;
  const target = table.linked[(linkField.options as LinkOptions).tableId];
  const targetField = target?.fields.find((f) => f.id === options.fieldId);
  if (!targetField) throw bad("fieldId must name a field of the linked table");
  if (!lookable(targetField.type)) throw bad(`a ${targetField.type} field cannot be looked up (yet)`);
  if ((options.fn === "sum" || options.fn === "avg") && !numericTypes.has(targetField.type)) throw bad(`${options.fn} needs a number field`);
  if ((options.fn === "min" || options.fn === "max") && !orderedTypes.has(targetField.type)) throw bad(`${options.fn} needs a number or date field`);
}


