import "server-only";
import type { LinkSources } from "@/components/fields/field-options-inputs";
import type { FieldChoices, FieldLike } from "@/components/fields/form-values";
import type { LinkOptions } from "@/lib/fields/types/link";
import { api } from "@/trpc/server";
import { rowLabel } from "@/components/fields/row-label";

export type LinkedTable = { id: string; baseId: string; name: string; primaryFieldId: string | null; fields: FieldLike[] };

const linkTarget = (field: FieldLike) => (field.options as Partial<LinkOptions> | null)?.tableId;

/**
 * The tables the table's link fields point to, by id: from the base's tables
 * when they are there, else read one by one (the API may link across bases).
 * A table the viewer cannot read is left out; its links show as plain names.
 */
export async function loadLinkedTables(fields: readonly FieldLike[], baseTables: readonly LinkedTable[]): Promise<Map<string, LinkedTable>> {
  const caller = await api();
  const linked = new Map<string, LinkedTable>();
  for (const field of fields) {
    const tableId = field.type === "link" ? linkTarget(field) : undefined;
    if (!tableId || linked.has(tableId)) continue;
    const table = baseTables.find((t) => t.id === tableId) ?? (await caller.table.get({ tableId }).catch(() => null));
    if (table) linked.set(tableId, table);
  }
  return linked;
}

/** What the field forms' link, lookup, rollup and count options choose from. */
export function linkSourcesOf(
  table: { id: string; name: string; fields: readonly FieldLike[] },
  baseTables: ReadonlyArray<{ id: string; name: string }>,
  linked: ReadonlyMap<string, LinkedTable>,
): LinkSources {
  return {
    table: { id: table.id, name: table.name },
    tables: baseTables.map((t) => ({ id: t.id, name: t.name })),
    links: table.fields
      .filter((f) => f.type === "link")
      .map((f) => ({ id: f.id, name: f.name, type: f.type, fields: linked.get(linkTarget(f) ?? "")?.fields ?? [] })),
  };
}

// The link picker lists this many rows, by primary value, chosen among the
// first rows of the linked table (the API reads rows in creation order only).
const rowsOffered = 200;
const rowsRead = 1000;
const byName = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** What the row forms' user and link inputs offer: the workspace's members, and rows of each linked table. */
export async function loadFieldChoices(
  workspaceId: string,
  fields: readonly FieldLike[],
  linked: ReadonlyMap<string, LinkedTable>,
): Promise<FieldChoices> {
  const caller = await api();
  const members = fields.some((f) => f.type === "user")
    ? (await caller.member.list({ workspaceId })).members.map((m) => ({ id: m.userId, name: m.name }))
    : [];
  const rowsByTable = new Map<string, Array<{ id: string; name: string }>>();
  const linkedRows: Record<string, Array<{ id: string; name: string }>> = {};
  for (const field of fields) {
    const table = field.type === "link" ? linked.get(linkTarget(field) ?? "") : undefined;
    if (!table) continue;
    let rows = rowsByTable.get(table.id);
    if (!rows) {
      const page = await caller.row.list({ tableId: table.id, limit: rowsRead, fieldKey: "id" });
      rows = page.rows
        .map((row) => ({ id: row.id, name: rowLabel(row, table.primaryFieldId) }))
        .sort((a, b) => byName.compare(a.name, b.name))
        .slice(0, rowsOffered);
      rowsByTable.set(table.id, rows);
    }
    linkedRows[field.id] = rows;
  }
  return { workspaceId, members, linkedRows };
}
