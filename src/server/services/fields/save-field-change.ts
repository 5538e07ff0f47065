import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { fields } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { fieldOutput, type FieldMeta, type TableMeta } from "../tables/table-meta";
import { analyzeFormula, formulaToText } from "@/lib/formula";
import type { FormulaOptions } from "@/lib/fields/types/formula";

/** Stores a field's new name, type and options, and audits the change (the one field.update record). */
export async function saveFieldChange(tx: Db, table: TableMeta, before: FieldMeta, after: FieldMeta, actor: AuditActor) {
  await tx.update(fields).set({ name: after.name, type: after.type, options: after.options }).where(eq(fields.id, before.id));
  if (before.name !== after.name) await renameInFormulas(tx, table, before.id, after.name);
  await recordAudit(tx, actor, {
    workspaceId: table.workspaceId,
    action: "field.update",
    resourceType: "field",
    resourceId: before.id,
    before: { tableId: table.id, ...fieldOutput(before) },
    after: { tableId: table.id, ...fieldOutput(after) },
  });
  return fieldOutput(after);
}

/**
 * Formulas keep the `{Name}` text their author wrote; when a field they read
 * is renamed they are rewritten with the new name (read through the old
 * names, printed with the new), so the rename does not break them.
 */
async function renameInFormulas(tx: Db, table: TableMeta, renamedId: string, newName: string) {
  const renamed = table.fields.map((f) => (f.id === renamedId ? { ...f, name: newName } : f));
  for (const field of table.fields) {
    if (field.type !== "formula" || field.id === renamedId) continue;
    const options = field.options as FormulaOptions;
    const analyzed = analyzeFormula(options.formula, table.fields, { selfId: field.id });
    if (!analyzed.ok || !analyzed.fieldIds.includes(renamedId)) continue;
    await tx.update(fields).set({ options: { ...options, formula: formulaToText(analyzed.ast, renamed) } }).where(eq(fields.id, field.id));
  }
}
