import "server-only";
import { eq } from "drizzle-orm";
import { ruledRoles, type TableRules } from "@/lib/query/table-rules";
import { withCurrentUser } from "../../authz/table-policy";
import type { FilterNode } from "@/lib/query/plan";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import type { Db } from "../../db";
import { tables } from "../../db/schema";
import { AppError } from "../../errors";
import { tableAndLinksChanged } from "../../events/table-changes";
import { findColumn, tableColumns } from "../../query/columns";
import { compileFilter } from "../../query/compile/postgres";
import { loadTable, type TableMeta } from "./table-meta";

/**
 * Replaces a table's field and row rules. Every field named must be a live
 * field of the table and every row rule must compile against its fields, so
 * a saved rule can always be applied (reads fail closed otherwise).
 */
export async function setTableRules(db: Db, params: { tableId: string; rules: TableRules; actor: AuditActor }) {
  const { table, rules } = await db.transaction(async (tx) => {
    const table = await loadTable(tx, params.tableId);
    const rules = checkedRules(table, params.rules);
    await tx.update(tables).set({ rules }).where(eq(tables.id, table.id));
    await recordAudit(tx, params.actor, {
      workspaceId: table.workspaceId,
      action: "table.update",
      resourceType: "table",
      resourceId: table.id,
      before: { rules: table.rules },
      after: { rules },
    });
    return { table, rules };
  });
  await tableAndLinksChanged(table, "table");
  return { rules };
}

function checkedRules(table: TableMeta, rules: TableRules): TableRules {
  for (const fieldId of Object.keys(rules.fields)) {
    if (!table.fields.some((f) => f.id === fieldId)) throw new AppError("BAD_REQUEST", `Unknown field id "${fieldId}" in field rules`, { field: fieldId });
  }
  if (table.primaryFieldId && Object.values(rules.fields[table.primaryFieldId] ?? {}).includes("hidden")) {
    throw new AppError("BAD_REQUEST", "The primary field names the rows and cannot be hidden");
  }
  const columns = tableColumns(table);
  const rows: Record<string, FilterNode> = {};
  for (const role of ruledRoles) {
    const rule = rules.rows[role];
    if (!rule) continue;
    // Compiled once here (with a stand-in for "$me") so an invalid rule is refused now, not at read time.
    compileFilter(columns, withCurrentUser(rule, "stand-in"), { now: new Date() });
    rows[role] = storedByFieldId(columns, rule);
  }
  return { fields: rules.fields, rows };
}

/** Rules keep field ids, so renaming a field does not change what a rule means. */
function storedByFieldId(columns: ReturnType<typeof tableColumns>, node: FilterNode): FilterNode {
  if ("and" in node) return { and: node.and.map((n) => storedByFieldId(columns, n)) };
  if ("or" in node) return { or: node.or.map((n) => storedByFieldId(columns, n)) };
  return { ...node, field: findColumn(columns, node.field).id };
}
