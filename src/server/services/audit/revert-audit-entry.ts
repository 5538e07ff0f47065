import "server-only";
import { isDeepStrictEqual } from "node:util";
import { eq } from "drizzle-orm";
import type { Permission } from "@/lib/permissions";
import type { Db } from "../../db";
import { auditLog } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import type { AuditActor } from "../../audit/record-audit";
import type { Reader } from "../../authz/table-policy";
import { deleteField, updateField } from "../fields/update-field";
import { createRows } from "../rows/create-rows";
import { deleteRows } from "../rows/delete-rows";
import { updateRows } from "../rows/update-rows";
import { loadTable } from "../tables/table-meta";
import { renameTable } from "../tables/update-table";
import { setTableRules } from "../tables/table-rules";
import type { TableRules } from "@/lib/query/table-rules";
import { restoreField, restoreRows, restoreTable } from "../trash/restore";
import { viewReverters } from "../views/revert-view";

type Entry = typeof auditLog.$inferSelect;
type Values = Record<string, unknown>;

const superseded = (what: string) =>
  new AppError("CONFLICT", `Cannot revert: ${what} changed again since this entry; revert the later change first`);

function splitRowResource(entry: Entry) {
  const [tableId, rowId] = entry.resourceId.split(":");
  if (!tableId || !rowId) throw new AppError("BAD_REQUEST", "This entry does not name a row");
  return { tableId, rowId };
}

/**
 * How each kind of change is undone: one entry per action (the registry of
 * revertible actions), each with the permission it needs. Every revert goes
 * through the ordinary services, so it is itself validated and audited.
 */
const reverters: Record<string, { permission: Permission; revert: (db: Db, entry: Entry, actor: AuditActor, reader: Reader) => Promise<unknown> }> = {
  "row.update": {
    permission: "row.write",
    async revert(db, entry, actor, reader) {
      const { tableId, rowId } = splitRowResource(entry);
      const table = await loadTable(db, tableId);
      const before = entry.before as Values;
      const missing = Object.keys(before).find((fieldId) => !table.fields.some((f) => f.id === fieldId));
      if (missing) throw new AppError("CONFLICT", "Cannot revert: a field this change touched has been deleted; restore it first");
      try {
        // The cells must still hold what this change wrote: the compare-and-set of an ordinary edit.
        return await updateRows(db, { table, rows: [{ id: rowId, fields: before, expected: entry.after as Values }], actor, reader });
      } catch (error) {
        if (error instanceof AppError && error.code === "CONFLICT") throw superseded("these cells");
        if (error instanceof AppError && error.code === "NOT_FOUND") throw new AppError("CONFLICT", "Cannot revert: the row has been deleted; restore it first");
        throw error;
      }
    },
  },
  "row.delete": {
    permission: "row.write",
    async revert(db, entry, actor, reader) {
      const { tableId, rowId } = splitRowResource(entry);
      const table = await loadTable(db, tableId);
      if (!table.external) return restoreRows(db, { tableId, ids: [rowId], actor, reader });
      // An external database has no trash: the row is written again from the values it had (its key included).
      return createRows(db, { table, rows: [{ fields: entry.before }], actor, reader });
    },
  },
  "row.create": {
    permission: "row.write",
    async revert(db, entry, actor, reader) {
      const { tableId, rowId } = splitRowResource(entry);
      const result = await deleteRows(db, { table: await loadTable(db, tableId), ids: [rowId], actor, reader });
      if (result.deleted === 0) throw new AppError("CONFLICT", "Cannot revert: the row is already deleted");
      return result;
    },
  },
  "field.update": {
    permission: "table.alter",
    async revert(db, entry, actor) {
      const before = entry.before as { tableId: string; name: string; type: string; options: unknown };
      const after = entry.after as { name: string; type: string; options: unknown };
      const table = await loadTable(db, before.tableId);
      const field = table.fields.find((f) => f.id === entry.resourceId);
      if (!field) throw new AppError("CONFLICT", "Cannot revert: the field has been deleted; restore it first");
      if (field.name !== after.name || field.type !== after.type || !isDeepStrictEqual(field.options, after.options)) {
        throw superseded("the field");
      }
      // A type change is undone by converting back: values that did not convert the first time stay empty.
      return updateField(db, { tableId: table.id, fieldId: field.id, name: before.name, type: before.type, options: before.options, actor });
    },
  },
  "field.create": {
    permission: "table.alter",
    revert: (db, entry, actor) => deleteField(db, { tableId: (entry.after as { tableId: string }).tableId, fieldId: entry.resourceId, actor }),
  },
  "field.delete": {
    permission: "table.alter",
    revert: (db, entry, actor) => restoreField(db, { tableId: (entry.before as { tableId: string }).tableId, fieldId: entry.resourceId, actor }),
  },
  "table.update": {
    permission: "table.alter",
    async revert(db, entry, actor) {
      const table = await loadTable(db, entry.resourceId);
      const before = entry.before as { name?: string; rules?: TableRules };
      const after = entry.after as { name?: string; rules?: TableRules };
      if (before.rules && after.rules) {
        if (!isDeepStrictEqual(table.rules, after.rules)) throw superseded("the table's rules");
        return setTableRules(db, { tableId: table.id, rules: before.rules, actor });
      }
      if (table.name !== after.name) throw superseded("the table's name");
      return renameTable(db, { tableId: table.id, name: before.name!, actor });
    },
  },
  "table.delete": {
    permission: "table.alter",
    revert: (db, entry, actor) => restoreTable(db, { tableId: entry.resourceId, actor }),
  },
  ...viewReverters,
};

export async function loadAuditEntry(db: Db, entryId: string): Promise<Entry> {
  const [entry] = await db.select().from(auditLog).where(eq(auditLog.id, entryId));
  if (!entry) throw notFound("Audit entry");
  return entry;
}

/** The permission reverting this entry needs, or 400 when its kind cannot be reverted. */
export function revertPermission(entry: Entry): Permission {
  const reverter = reverters[entry.action];
  if (!reverter) throw new AppError("BAD_REQUEST", `A ${entry.action} change cannot be reverted`);
  return reverter.permission;
}

export async function revertAuditEntry(db: Db, params: { entry: Entry; actor: AuditActor; reader: Reader }) {
  revertPermission(params.entry);
  await reverters[params.entry.action]!.revert(db, params.entry, params.actor, params.reader);
  return { reverted: params.entry.id };
}

