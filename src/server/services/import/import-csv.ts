import "server-only";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { valueFromText } from "@/lib/fields/field-type";
import { ColumnProfile, fieldNamesFromHeader } from "@/lib/csv/infer-field-types";
import type { Db } from "../../db";
import { openRowSink } from "../../db/copy-rows";
import { quotedColumn, quotedPhysicalTable, setRowAuthorDefault } from "../../db/tenant/table-ddl";
import { AppError } from "../../errors";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { createTable } from "../tables/create-table";
import { findField, type FieldMeta, loadTable, type TableMeta, assertInternal } from "../tables/table-meta";
import { loadValueContext } from "../rows/value-context";
import { readCsv, type Rejected, sniffDelimiter } from "./read-csv";
import { tableAndLinksChanged } from "../../events/table-changes";
import { sql } from "drizzle-orm";
import type { FilterNode } from "@/lib/query/plan";
import { assertWritable, type Reader, tablePolicy } from "../../authz/table-policy";
import { rowsOf } from "../../db";
import { physicalTable } from "../../db/tenant/table-ddl";
import { tableColumns } from "../../query/columns";
import { compileFilter } from "../../query/compile/postgres";

// The answer lists this many rejected lines; `rejectedTotal` counts them all.
const maxRejectedListed = 1000;

class RejectedLines {
  readonly list: Rejected[] = [];
  total = 0;
  add = (r: Rejected) => {
    this.total += 1;
    if (this.list.length < maxRejectedListed) this.list.push(r);
  };
}

async function header(file: string, delimiter: string, rejected: RejectedLines): Promise<string[]> {
  for await (const batch of readCsv(file, delimiter, rejected.add)) if (batch[0]) return batch[0].values;
  throw new AppError("BAD_REQUEST", "The file is empty: it needs a header row naming the columns");
}

/**
 * Imports a spooled CSV file into a new table whose field types are inferred
 * from every value (a first pass over the file). The table and all its rows
 * are created in one transaction: if anything fails midway, nothing exists.
 */
export async function importCsvToNewTable(
  db: Db,
  params: { workspaceId: string; baseId: string; name: string; file: string; actor: AuditActor },
) {
  const delimiter = await sniffDelimiter(params.file);
  const firstPass = new RejectedLines();
  const names = fieldNamesFromHeader(await header(params.file, delimiter, firstPass));
  if (names.length > 500) throw new AppError("BAD_REQUEST", "A table can have at most 500 fields");
  const profiles = names.map(() => new ColumnProfile());
  let isHeader = true;
  for await (const batch of readCsv(params.file, delimiter, () => {})) {
    for (const { values } of batch) {
      if (isHeader) {
        isHeader = false;
        continue;
      }
      if (values.length > names.length) continue;
      for (let i = 0; i < values.length; i++) profiles[i]!.add(values[i]!);
    }
  }
  const fields = names.map((name, i) => ({ name, ...profiles[i]!.result() }));
  // A primary field must be able to name rows: make the first column text if its type cannot.
  if (!fieldTypeDefinition(fields[0]!.type)?.canBePrimary) fields[0] = { name: fields[0]!.name, type: "text" };

  const imported = await db.transaction(async (tx) => {
    const created = await createTable(tx, { ...params, fields });
    const table = await loadTable(tx, created.id);
    // The new table is invisible to others until commit, so the author can be a
    // column default for the fill (two fewer values per row through COPY).
    await setRowAuthorDefault(tx, table.workspaceId, table.id, params.actor.userId);
    const result = await copyRows(tx, table, table.fields, params.file, delimiter, params.actor, { authorByDefault: true });
    await setRowAuthorDefault(tx, table.workspaceId, table.id, null);
    return { table: created, ...result };
  });
  await analyzeImported(db, { id: imported.table.id, workspaceId: params.workspaceId });
  return imported;
}

/**
 * Fresh statistics after a bulk load: without them the planner guesses a
 * million-row table holds a few rows and picks plans hundreds of times
 * slower (autovacuum would get there, minutes later).
 */
async function analyzeImported(db: Db, table: { id: string; workspaceId: string }) {
  await db.execute(sql`analyze ${physicalTable(table.workspaceId, table.id)}`);
}

/** Appends a spooled CSV file's rows to a table, matching columns to fields by header name; all or nothing. */
export async function importCsvIntoTable(db: Db, params: { tableId: string; file: string; actor: AuditActor; reader: Reader }) {
  const delimiter = await sniffDelimiter(params.file);
  const result = await db.transaction(async (tx) => {
    const table = await loadTable(tx, params.tableId);
    assertInternal(table, "CSV import");
    // The importer's field rules: hidden fields do not exist for them, read-only ones are refused.
    const policy = tablePolicy(table, params.reader);
    const columns = (await header(params.file, delimiter, new RejectedLines())).map((name) => {
      const field = findField(policy.visible, name.trim());
      const definition = field ? fieldTypeDefinition(field.type) : undefined;
      // Links and computed fields hold no column to import into.
      return field && definition && !definition.readOnly && definition.storage(field.options).kind === "column" ? field : null;
    });
    if (!columns.some(Boolean)) {
      throw new AppError("BAD_REQUEST", "No column of the file matches a writable field of the table (headers must be field names)");
    }
    assertWritable(policy, columns.flatMap((f) => (f ? [f.id] : [])));
    const ignoredColumns = columns.flatMap((f, i) => (f ? [] : [i + 1]));
    const copied = await copyRows(tx, table, columns, params.file, delimiter, params.actor);
    if (policy.rowFilter) await assertImportedWithinRule(tx, table, policy.rowFilter);
    return { ...copied, ignoredColumns, table };
  });
  await analyzeImported(db, result.table);
  await tableAndLinksChanged(result.table, "rows");
  const { table: _, ...answer } = result;
  return answer;
}

/**
 * Every row this transaction imported (their created_at is the transaction's
 * own now()) must fall inside the importer's row rule, or nothing is kept.
 */
async function assertImportedWithinRule(tx: Db, table: TableMeta, rule: FilterNode) {
  const inside = compileFilter(tableColumns(table), rule, { now: new Date() });
  const [outside] = rowsOf<{ n: number }>(
    await tx.execute(sql`select count(*)::int as n from ${physicalTable(table.workspaceId, table.id)} r
      where r.created_at = now() and r.deleted_at is null and not coalesce(${inside}, false)`),
  );
  if ((outside?.n ?? 0) > 0) throw new AppError("FORBIDDEN", `${outside!.n} imported rows would fall outside the rows your role may work on; nothing was imported`);
}

/**
 * Second pass: every record is read through the field types' text parsing
 * and validation; a bad record is rejected (by line, naming the field) and
 * the rest are COPYed in the caller's transaction.
 */
async function copyRows(
  tx: Db,
  table: TableMeta,
  columns: Array<FieldMeta | null>,
  file: string,
  delimiter: string,
  actor: AuditActor,
  opts: { authorByDefault?: boolean } = {},
) {
  const targets = columns
    .map((field, index) => ({ field, index, definition: field ? fieldTypeDefinition(field.type) : undefined }))
    .filter((c): c is { field: FieldMeta; index: number; definition: NonNullable<typeof c.definition> } =>
      c.field !== null && c.definition !== undefined && c.definition.storage(c.field.options).kind === "column" && !c.definition.readOnly,
    );
  // Before the COPY starts: while it runs, its connection takes no other query.
  const context = await loadValueContext(tx, table.workspaceId, targets.map((t) => t.field.type));
  const authorColumns = opts.authorByDefault ? [] : ["created_by", "updated_by"];
  const author = opts.authorByDefault ? [] : [actor.userId, actor.userId];
  const sink = await openRowSink(tx, quotedPhysicalTable(table.workspaceId, table.id), [
    ...authorColumns,
    ...targets.map((t) => quotedColumn(t.field.id)),
  ]);
  const rejected = new RejectedLines();
  let imported = 0;
  let isHeader = true;
  for await (const batch of readCsv(file, delimiter, rejected.add)) {
    for (const { values, line } of batch) {
      if (isHeader) {
        isHeader = false;
        continue;
      }
      if (values.length > columns.length) {
        rejected.add({ line, reason: `Expected ${columns.length} values, found ${values.length}` });
        continue;
      }
      const row: unknown[] = [...author];
      let reason: string | null = null;
      for (const { field, index, definition } of targets) {
        const encoded = definition.toDb(valueFromText(definition, values[index] ?? "", field.options), field.options, context);
        if (!encoded.ok) {
          reason = `Field "${field.name}": ${encoded.error}`;
          break;
        }
        row.push(encoded.value);
      }
      if (reason) {
        rejected.add({ line, reason });
        continue;
      }
      if (sink.write(row)) await sink.flush();
      imported += 1;
    }
  }
  await sink.close();
  await recordAudit(tx, actor, {
    workspaceId: table.workspaceId,
    action: "table.import",
    resourceType: "table",
    resourceId: table.id,
    after: { imported, rejected: rejected.total },
  });
  return { imported, rejected: rejected.list, rejectedTotal: rejected.total };
}
