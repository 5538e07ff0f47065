import "server-only";
import { analyzeFormula } from "@/lib/formula";
import type { Role } from "@/lib/roles";
import type { FilterNode } from "@/lib/query/plan";
import { currentUserToken, type RuledRole } from "@/lib/query/table-rules";
import { AppError } from "../errors";
import type { FieldMeta, TableMeta } from "../services/tables/table-meta";

/**
 * Who reads or writes: a member with a role, or the anonymous reader of a
 * published view or public form, who is held to the viewer's rules (a
 * published view never shows more than a viewer of the table would see).
 */
export type Reader = { role: Role | "public"; userId: string | null };

export type TablePolicy = {
  /** The table as this reader may see it: hidden fields removed. */
  visible: TableMeta;
  hidden: ReadonlySet<string>;
  readOnly: ReadonlySet<string>;
  /** Rows outside this filter do not exist for the reader (resolved against all fields). */
  rowFilter?: FilterNode;
};

/** The role whose rules hold for the reader; null for owners and admins, who set the rules. */
export function ruledRole(reader: Reader): RuledRole | null {
  if (reader.role === "owner" || reader.role === "admin") return null;
  return reader.role === "public" ? "viewer" : reader.role;
}

/**
 * The policy step: the table's field and row rules for one reader. Every read
 * and write path compiles its plan against `visible` and ANDs `rowFilter`.
 * A computed field that reads a hidden field (a lookup through a hidden link,
 * a formula over a hidden field, a lookup of a field hidden in the linked
 * table) is hidden too, so no value leaks through another field.
 */
export function tablePolicy(table: TableMeta, reader: Reader): TablePolicy {
  const role = ruledRole(reader);
  if (!role) return { visible: table, hidden: new Set(), readOnly: new Set() };
  const hidden = new Set<string>();
  const readOnly = new Set<string>();
  for (const [fieldId, access] of Object.entries(table.rules.fields)) {
    if (access[role] === "hidden") hidden.add(fieldId);
    else if (access[role] === "read_only") readOnly.add(fieldId);
  }
  // What the reader may not see in each linked table (its own rules, followed one table deep).
  const hiddenThere = new Map<string, ReadonlySet<string>>();
  const hiddenIn = (tableId: string) => {
    const target = table.linked[tableId];
    if (!target || tableId === table.id) return tableId === table.id ? hidden : new Set<string>();
    if (!hiddenThere.has(tableId)) hiddenThere.set(tableId, tablePolicy({ ...target, linked: {} }, reader).hidden);
    return hiddenThere.get(tableId)!;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const field of table.fields) {
      if (hidden.has(field.id) || !readsHidden(table, field, hidden, hiddenIn)) continue;
      hidden.add(field.id);
      changed = true;
    }
  }
  const rule = table.rules.rows[role];
  return {
    visible: hidden.size === 0 ? table : { ...table, fields: table.fields.filter((f) => !hidden.has(f.id)) },
    hidden,
    readOnly,
    rowFilter: rule ? withCurrentUser(rule, reader.userId) : undefined,
  };
}

/**
 * A field shows something hidden: a lookup, rollup or count through a
 * hidden link or of a field hidden in the linked table; a link whose linked
 * table hides its primary field (a link cell shows it as the row's name);
 * a formula over a hidden field.
 */
function readsHidden(table: TableMeta, field: FieldMeta, hidden: ReadonlySet<string>, hiddenIn: (tableId: string) => ReadonlySet<string>): boolean {
  const options = field.options as { linkFieldId?: string; fieldId?: string; tableId?: string };
  if (field.type === "link") {
    const target = table.linked[options.tableId ?? ""];
    return Boolean(target?.primaryFieldId && hiddenIn(target.id).has(target.primaryFieldId));
  }
  if (field.type === "lookup" || field.type === "rollup" || field.type === "count") {
    if (options.linkFieldId && hidden.has(options.linkFieldId)) return true;
    const link = table.fields.find((f) => f.id === options.linkFieldId);
    const targetId = link ? (link.options as { tableId: string }).tableId : undefined;
    return Boolean(options.fieldId && targetId && hiddenIn(targetId).has(options.fieldId));
  }
  if (field.type === "formula") return formulaReferences(table, field).some((id) => hidden.has(id));
  return false;
}

/** Field ids a formula reads, as the formula language resolves its references. */
function formulaReferences(table: TableMeta, field: FieldMeta): string[] {
  const analyzed = analyzeFormula(String((field.options as { formula?: string }).formula ?? ""), table.fields, { selfId: field.id });
  // A formula that no longer checks reads as empty; its references cannot leak anything.
  return analyzed.ok ? analyzed.fieldIds : [];
}

/** `"$me"` in a row rule is the reader; an anonymous reader matches no user. */
export function withCurrentUser(node: FilterNode, userId: string | null): FilterNode {
  if ("and" in node) return { and: node.and.map((n) => withCurrentUser(n, userId)) };
  if ("or" in node) return { or: node.or.map((n) => withCurrentUser(n, userId)) };
  const swap = (v: unknown) => (v === currentUserToken ? (userId ?? "") : v);
  return { ...node, value: Array.isArray(node.value) ? node.value.map(swap) : swap(node.value) };
}

/** Refuses writing a cell the reader may not write (hidden fields are unknown to them). */
export function assertWritable(policy: TablePolicy, fieldIds: Iterable<string>) {
  for (const id of fieldIds) {
    if (policy.hidden.has(id)) throw new AppError("BAD_REQUEST", "Unknown field", { field: id });
    if (policy.readOnly.has(id)) {
      const name = policy.visible.fields.find((f) => f.id === id)?.name ?? id;
      throw new AppError("FORBIDDEN", `Field "${name}" is read-only for your role`, { field: name });
    }
  }
}
