import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { FilterNode, SortSpec } from "@/lib/query/plan";
import { type Db, rowsOf } from "../db";
import { workspaceSchemaName } from "../db/tenant/workspace-schema";
import { countableType, ensureGroupCounts } from "./group-counts";
import { env } from "../env";
import { columnName, physicalTable } from "../db/tenant/table-ddl";
import type { FieldMeta, TableMeta } from "../services/tables/table-meta";

/**
 * What the app builds so a saved view reads fast. Indexes: each stored field
 * its sorts, groups and filters use gets a b-tree on (field, id) over live
 * rows — exactly the order `orderBy` asks for, so the first page of a sorted
 * view and keyset pages deep in it are index scans (computed values cannot
 * be indexed; single selects sort by choice order, but equality filters on
 * them still use it). Group counts: the fields it groups or stacks by get
 * counts maintained as rows change (group-counts.ts).
 */
export async function prepareViewReads(
  db: Db,
  table: TableMeta,
  view: { sort?: SortSpec | null; groupBy?: readonly string[] | null; filter?: FilterNode | null; config?: unknown },
) {
  // A mounted table's indexes are its own database's business.
  if (table.external) return;
  const fieldOf = (key: string) => table.fields.find((f) => f.id === key || f.name === key);
  const wanted = new Set<string>();
  for (const s of view.sort ?? []) wanted.add(s.field);
  for (const g of view.groupBy ?? []) wanted.add(g);
  collectFilterFields(view.filter ?? undefined, wanted);
  // The view is saved already: a failure here costs speed, never the save.
  const attempt = async (what: string, build: () => Promise<void>) => {
    try {
      await build();
    } catch (error) {
      console.error(`could not build ${what} for table ${table.id}:`, (error as { code?: string }).code ?? "unknown error");
    }
  };
  for (const key of wanted) {
    const field = fieldOf(key);
    if (field && countableType(field)) await attempt(`an index on field ${field.id}`, () => ensureFieldIndex(db, table, field));
  }
  const stackFieldId = (view.config as { stackFieldId?: string } | null | undefined)?.stackFieldId;
  for (const key of [...(view.groupBy ?? []), ...(stackFieldId ? [stackFieldId] : [])]) {
    const field = fieldOf(key);
    if (field) await attempt(`group counts of field ${field.id}`, () => ensureGroupCounts(db, table, field));
  }
}

function collectFilterFields(node: FilterNode | undefined, into: Set<string>) {
  if (!node) return;
  if ("and" in node) node.and.forEach((n) => collectFilterFields(n, into));
  else if ("or" in node) node.or.forEach((n) => collectFilterFields(n, into));
  else into.add(node.field);
}

/**
 * Idempotent; the name is derived from table and field so a second save
 * finds it. On PostgreSQL the build is CONCURRENTLY, so writes to a large
 * table go on meanwhile (which is why this must run outside a transaction);
 * PGlite has one connection and no other writer to wait for.
 */
async function ensureFieldIndex(db: Db, table: TableMeta, field: FieldMeta) {
  const name = `ix_${createHash("sha256").update(`${table.id}:${field.id}`).digest("hex").slice(0, 24)}`;
  const concurrently = env.DATABASE_URL ? sql.raw(" concurrently") : sql``;
  // A concurrent build that failed leaves an invalid index behind, which `if not exists` would keep.
  const [previous] = rowsOf<{ valid: boolean }>(
    await db.execute(sql`select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid
      join pg_namespace n on n.oid = c.relnamespace where c.relname = ${name} and n.nspname = ${workspaceSchemaName(table.workspaceId)}`),
  );
  if (previous && !previous.valid) {
    await db.execute(sql`drop index${concurrently} if exists ${sql.identifier(workspaceSchemaName(table.workspaceId))}.${sql.identifier(name)}`);
  }
  await db.execute(
    sql`create index${concurrently} if not exists ${sql.identifier(name)} on ${physicalTable(table.workspaceId, table.id)}
        (${sql.identifier(columnName(field.id))}, id) where deleted_at is null`,
  );
}
