import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { LinkOptions } from "@/lib/fields/types/link";
import type { JoinSpec } from "@/lib/query/plan";
import { type Reader, tablePolicy } from "../authz/table-policy";
import type { Db } from "../db";
import { junctionSides, junctionTable, physicalTable } from "../db/tenant/table-ddl";
import { AppError } from "../errors";
import { loadTable, type TableMeta } from "../services/tables/table-meta";
import { findColumn, linkedRowsFor, type PlanColumn, tableColumns } from "./columns";
import { compileFilter } from "./compile/postgres";

/**
 * Joins of a query plan, compiled as correlated subqueries so the source
 * keeps one row per row (pages, cursors and counts stay the source's):
 * through a link field, every linked row (a list, in link order); on two
 * equal fields, the first matching row by id (an object, or null). An inner
 * join keeps only source rows that have a match. The joined table is read
 * under the reader's own rules for it: its hidden fields are not selectable
 * and its rows outside their row rule never match.
 */
export type ResolvedJoin = { spec: JoinSpec; table: TableMeta };

export async function loadJoins(db: Db, source: TableMeta, joins: readonly JoinSpec[] | undefined): Promise<ResolvedJoin[]> {
  const resolved: ResolvedJoin[] = [];
  for (const spec of joins ?? []) {
    const table = await loadTable(db, spec.tableId).catch(() => null);
    // Another workspace's table is as unknown as a missing one.
    if (!table || table.workspaceId !== source.workspaceId) throw new AppError("BAD_REQUEST", `Join "${spec.as}": unknown table`);
    // Joins are SQL subqueries in Tessera's own database, where a mounted table's rows are not.
    if (table.external) throw new AppError("BAD_REQUEST", `Join "${spec.as}": joins are not available on an external table`);
    resolved.push({ spec, table });
  }
  if (new Set(resolved.map((j) => j.spec.as)).size !== resolved.length) throw new AppError("BAD_REQUEST", "Join names (as) must be unique");
  return resolved;
}

export type CompiledJoin = {
  as: string;
  /** The joined value for source row alias `r`. */
  expr: SQL;
  /** For inner joins: the source row has a match. */
  exists?: SQL;
  decode: (raw: unknown) => unknown;
};

export function compileJoin(join: ResolvedJoin, source: { table: TableMeta; columns: PlanColumn[] }, reader: Reader, index: number, now: Date): CompiledJoin {
  const { spec, table } = join;
  const alias = sql.identifier(`j${index}`);
  const policy = tablePolicy(table, reader);
  const columns = tableColumns(policy.visible, sql`${alias}`, linkedRowsFor(reader, now));
  const chosen = spec.fields ? spec.fields.map((key) => findColumn(columns, key)) : columns;
  const conditions: SQL[] = [sql`${alias}.deleted_at is null`];
  if (policy.rowFilter) conditions.push(compileFilter(tableColumns(table, sql`${alias}`), policy.rowFilter, { now }));
  // json_build_object takes at most 100 arguments: wide tables are built in chunks and merged.
  const pairs = chosen.map((c) => sql`${c.name}::text, ${c.read.expr}`);
  const chunks = Array.from({ length: Math.max(1, Math.ceil(pairs.length / 40)) }, (_, i) => pairs.slice(i * 40, i * 40 + 40));
  const object = sql.join(
    chunks.map((chunk) => sql`jsonb_build_object(${sql.join(chunk, sql`, `)})`),
    sql` || `,
  );
  const decodeObject = (raw: unknown) => {
    if (raw === null || raw === undefined) return null;
    const values = raw as Record<string, unknown>;
    return Object.fromEntries(chosen.map((c) => [c.name, c.read.decode(values[c.name])]));
  };
  const from = physicalTable(table.workspaceId, table.id);

  if (spec.via) {
    const link = findColumn(source.columns, spec.via);
    const options = link.field?.options as LinkOptions | undefined;
    if (link.field?.type !== "link" || options?.tableId !== table.id || !options.junctionFieldId) {
      throw new AppError("BAD_REQUEST", `Join "${spec.as}": "${link.name}" is not a link to that table`);
    }
    const { here, there } = junctionSides(options.side);
    const linked = sql`from ${junctionTable(source.table.workspaceId, options.junctionFieldId)} jt
      join ${from} ${alias} on ${alias}.id = jt.${there} and ${sql.join(conditions, sql` and `)}
      where jt.${here} = r.id`;
    return {
      as: spec.as,
      expr: sql`(select coalesce(jsonb_agg(${object} order by jt.seq), '[]'::jsonb) ${linked})`,
      exists: spec.kind === "inner" ? sql`exists (select 1 ${linked})` : undefined,
      decode: (raw) => (Array.isArray(raw) ? raw.map(decodeObject) : []),
    };
  }

  const left = findColumn(source.columns, spec.on!.left);
  const right = findColumn(columns, spec.on!.right);
  const comparable = ["text", "number", "boolean", "date", "instant", "user"];
  if (left.kind !== right.kind || !comparable.includes(left.kind)) {
    throw new AppError("BAD_REQUEST", `Join "${spec.as}": "${left.name}" and "${right.name}" cannot be compared (join on text, number, date or person fields of the same kind)`);
  }
  const matches = sql`from ${from} ${alias} where ${sql.join([...conditions, sql`${right.value} = ${left.value}`], sql` and `)}`;
  return {
    as: spec.as,
    expr: sql`(select ${object} ${matches} order by ${alias}.id limit 1)`,
    exists: spec.kind === "inner" ? sql`exists (select 1 ${matches})` : undefined,
    decode: decodeObject,
  };
}
