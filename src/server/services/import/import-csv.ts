import "server-only";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { type FieldType, valueFromText } from "@/lib/fields/field-type";
import { ColumnProfile, fieldNamesFromHeader } from "@/lib/csv/infer-field-types";
import { ChosenTypeProfile } from "@/lib/csv/chosen-type-profile";
import type { ImportableFieldType, ImportColumns } from "@/lib/csv/import-columns";
import { type ImportMapping, isImportableType, matchFieldByHeader } from "@/lib/csv/import-mapping";
import type { Db } from "../../db";
import { openRowSink } from "../../db/copy-rows";
import { quotedColumn, quotedPhysicalTable, setRowAuthorDefault } from "../../db/tenant/table-ddl";
import { AppError } from "../../errors";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { createTable } from "../tables/create-table";
import type { FieldInput } from "../fields/prepare-field";
import { assertInternal, type FieldMeta, loadTable, type TableMeta } from "../tables/table-meta";
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

class RejectedLines<T = Rejected> {
  readonly list: T[] = [];
  total = 0;
  add = (r: T) => {
    this.total += 1;
    if (this.list.length < maxRejectedListed) this.list.push(r);
  };
}

async function header(file: string, delimiter: string, rejected: RejectedLines): Promise<string[]> {
  for await (const batch of readCsv(file, delimiter, rejected.add)) if (batch[0]) return batch[0].values;
  throw new AppError("BAD_REQUEST", "The file is empty: it needs a header row naming the columns");
}

/** What becomes of one column of the file: a field of this name, its type chosen or else inferred, or nothing. */
type ColumnPlan = { name: string; type?: ImportableFieldType; skip: boolean };

/**
 * The file's columns with the importer's choices (`columns`, matched by the
 * header names fieldNamesFromHeader derives) applied, checked before anything
 * is written: every choice names a column of the file once, field names stay
 * unique, something is imported, and the first imported column can name rows.
 */
function planColumns(names: string[], choices: ImportColumns): ColumnPlan[] {
  const plans: ColumnPlan[] = names.map((name) => ({ name, skip: false }));
  const chosen = new Set<string>();
  for (const choice of choices) {
    const index = names.indexOf(choice.header);
    if (index === -1) throw new AppError("BAD_REQUEST", `Invalid input: columns: the file has no column "${choice.header}"`, { header: choice.header });
    if (chosen.has(choice.header)) throw new AppError("BAD_REQUEST", `Invalid input: columns: "${choice.header}" is listed twice`, { header: choice.header });
    chosen.add(choice.header);
    plans[index] = { name: choice.name ?? names[index]!, type: choice.type, skip: choice.skip === true };
  }
  const imported = plans.filter((p) => !p.skip);
  if (imported.length === 0) throw new AppError("BAD_REQUEST", "Invalid input: columns: every column is skipped; import at least one");
  const seen = new Set<string>();
  for (const plan of imported) {
    if (seen.has(plan.name.toLowerCase())) throw new AppError("BAD_REQUEST", `Invalid input: columns: two fields would be named "${plan.name}"`, { name: plan.name });
    seen.add(plan.name.toLowerCase());
  }
  const primary = imported[0]!;
  if (primary.type && !fieldTypeDefinition(primary.type)?.canBePrimary) {
    throw new AppError(
      "BAD_REQUEST",
      `Invalid input: columns: "${primary.name}" is the first field, which names the rows, and cannot be ${fieldTypeDefinition(primary.type)?.label ?? primary.type}`,
      { name: primary.name },
    );
  }
  return plans;
}

/**
 * Imports a spooled CSV file into a new table. Each column's type is the one
 * chosen in `columns`, else inferred from every value (a first pass over the
 * file). A value that does not fit a chosen type leaves its cell empty and is
 * listed in `emptied`, as Airtable does: the person chose the type knowing
 * the column, and losing whole rows for one odd cell would be worse. The
 * table and all its rows are created in one transaction: if anything fails
 * midway, nothing exists.
 */
export async function importCsvToNewTable(
  db: Db,
  params: { workspaceId: string; baseId: string; name: string; file: string; actor: AuditActor; columns?: ImportColumns },
) {
  const delimiter = await sniffDelimiter(params.file);
  const firstPass = new RejectedLines();
  const names = fieldNamesFromHeader(await header(params.file, delimiter, firstPass));
  if (names.length > 500) throw new AppError("BAD_REQUEST", "A table can have at most 500 fields");
  const plans = planColumns(names, params.columns ?? []);
  const profiles = plans.map((p) => (p.skip ? null : p.type ? new ChosenTypeProfile(p.type) : new ColumnProfile()));
  let isHeader = true;
  for await (const batch of readCsv(params.file, delimiter, () => {})) {
    for (const { values } of batch) {
      if (isHeader) {
        isHeader = false;
        continue;
      }
      if (values.length > names.length) continue;
      for (let i = 0; i < values.length; i++) profiles[i]?.add(values[i]!);
    }
  }
  const fields = plans.flatMap((plan, i): FieldInput[] => {
    const profile = profiles[i];
    if (!profile) return [];
    if (profile instanceof ColumnProfile) return [{ name: plan.name, ...profile.result() }];
    const options = profile.options();
    return [{ name: plan.name, type: profile.type, ...(options ? { options } : {}) }];
  });
  // A primary field must be able to name rows: make the first column text if its inferred type cannot (planColumns refused a chosen one).
  if (!fieldTypeDefinition(fields[0]!.type as FieldType)?.canBePrimary) fields[0] = { name: fields[0]!.name, type: "text" };

  const imported = await db.transaction(async (tx) => {
    const created = await createTable(tx, { ...params, fields });
    const table = await loadTable(tx, created.id);
    // The file's columns in order, the skipped ones without a field (the table's fields follow the file's order).
    const unassigned = [...table.fields];
    const columns = plans.map((plan) => (plan.skip ? null : unassigned.shift()!));
    const emptyMisfits = new Set(columns.flatMap((field, i) => (field && plans[i]!.type ? [field.id] : [])));
    // The new table is invisible to others until commit, so the author can be a
    // column default for the fill (two fewer values per row through COPY).
    await setRowAuthorDefault(tx, table.workspaceId, table.id, params.actor.userId);
    const result = await copyRows(tx, table, columns, params.file, delimiter, params.actor, { authorByDefault: true, emptyMisfits });
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

/**
 * Which field each column of the file fills (null: none). Columns the
 * importer mapped (`columns`, by header as fieldNamesFromHeader derives it)
 * fill the field of that id or nothing; the others are matched by name
 * (matchFieldByHeader), quietly left out when that field takes no values
 * from a file. Mapping errors are refused before anything is written.
 */
function mapColumns(names: string[], fields: readonly FieldMeta[], mapping: ImportMapping): Array<FieldMeta | null> {
  const fillable = (field: FieldMeta) => {
    const definition = fieldTypeDefinition(field.type);
    // Links and computed fields hold no column to import into.
    return !!definition && !definition.readOnly && definition.storage(field.options).kind === "column";
  };
  const chosen = new Map<string, ImportMapping[number]>();
  for (const choice of mapping) {
    if (!names.includes(choice.header)) throw new AppError("BAD_REQUEST", `Invalid input: columns: the file has no column "${choice.header}"`, { header: choice.header });
    if (chosen.has(choice.header)) throw new AppError("BAD_REQUEST", `Invalid input: columns: "${choice.header}" is listed twice`, { header: choice.header });
    chosen.set(choice.header, choice);
  }
  const columns = names.map((name) => {
    const choice = chosen.get(name);
    if (!choice) {
      const field = matchFieldByHeader(fields, name);
      return field && fillable(field) ? field : null;
    }
    if (choice.skip) return null;
    // Hidden fields do not exist for the importer: the same answer as a made-up id.
    const field = fields.find((f) => f.id === choice.field);
    if (!field) throw new AppError("BAD_REQUEST", `Invalid input: columns: "${name}" names no field of the table (${choice.field})`, { header: name, field: choice.field });
    if (!fillable(field) || !isImportableType(field.type)) {
      throw new AppError("BAD_REQUEST", `Invalid input: columns: the field "${field.name}" (${fieldTypeDefinition(field.type)?.label ?? field.type}) cannot be filled from a CSV file`, {
        header: name,
        field: field.id,
      });
    }
    return field;
  });
  const taken = new Map<string, string>();
  columns.forEach((field, i) => {
    if (!field) return;
    const other = taken.get(field.id);
    if (other !== undefined) throw new AppError("BAD_REQUEST", `Invalid input: columns: "${other}" and "${names[i]}" both fill the field "${field.name}"`, { field: field.id });
    taken.set(field.id, names[i]!);
  });
  if (!columns.some(Boolean)) {
    throw new AppError("BAD_REQUEST", "No column of the file matches a writable field of the table (headers must be field names, or map the columns)");
  }
  return columns;
}

/**
 * Appends a spooled CSV file's rows to a table, its columns mapped to fields
 * (mapColumns). Without `columns` (the original API), a record with a value
 * its field refuses is rejected whole; with them (the wizard's mapping, made
 * after a preview that warned of the misfits), such a cell is left empty and
 * listed, the rest of its row written, as a paste does. All or nothing: one
 * transaction and one audit entry.
 */
export async function importCsvIntoTable(db: Db, params: { tableId: string; file: string; actor: AuditActor; reader: Reader; columns?: ImportMapping }) {
  const delimiter = await sniffDelimiter(params.file);
  const result = await db.transaction(async (tx) => {
    const table = await loadTable(tx, params.tableId);
    assertInternal(table, "CSV import");
    // The importer's field rules: hidden fields do not exist for them, read-only ones are refused.
    const policy = tablePolicy(table, params.reader);
    const names = fieldNamesFromHeader(await header(params.file, delimiter, new RejectedLines()));
    const columns = mapColumns(names, policy.visible.fields, params.columns ?? []);
    const targets = columns.flatMap((f) => (f ? [f.id] : []));
    assertWritable(policy, targets);
    const ignoredColumns = columns.flatMap((f, i) => (f ? [] : [i + 1]));
    const emptyMisfits = params.columns ? new Set(targets) : undefined;
    const copied = await copyRows(tx, table, columns, params.file, delimiter, params.actor, { emptyMisfits });
    if (policy.rowFilter) await assertImportedWithinRule(tx, table, policy.rowFilter);
    return { ...copied, ignoredColumns, table };
  });
  await analyzeImported(db, result.table);
  // No row list: COPY does not say which ids it gave, and an import is usually past an event's bound anyway.
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
 * the rest are COPYed in the caller's transaction. In the fields of
 * `emptyMisfits`, a bad value is emptied instead (and listed) and its row kept.
 */
async function copyRows(
  tx: Db,
  table: TableMeta,
  columns: Array<FieldMeta | null>,
  file: string,
  delimiter: string,
  actor: AuditActor,
  opts: { authorByDefault?: boolean; emptyMisfits?: ReadonlySet<string> } = {},
) {
  // Before the COPY starts: while it runs, its connection takes no other query.
  const context = await loadValueContext(
    tx,
    table.workspaceId,
    columns.flatMap((f) => (f ? [f.type] : [])),
  );
  const targets = columns.flatMap((field, index) => {
    const definition = field ? fieldTypeDefinition(field.type) : undefined;
    if (!field || !definition || definition.storage(field.options).kind !== "column" || definition.readOnly) return [];
    // What an empty cell stores (a checkbox: false), for a misfit that is emptied.
    const empty = opts.emptyMisfits?.has(field.id) ? definition.toDb(null, field.options, context) : null;
    return [{ field, index, definition, empty: empty?.ok ? { value: empty.value } : null }];
  });
  const authorColumns = opts.authorByDefault ? [] : ["created_by", "updated_by"];
  const author = opts.authorByDefault ? [] : [actor.userId, actor.userId];
  const sink = await openRowSink(tx, quotedPhysicalTable(table.workspaceId, table.id), [
    ...authorColumns,
    ...targets.map((t) => quotedColumn(t.field.id)),
  ]);
  const rejected = new RejectedLines();
  const emptied = new RejectedLines<Rejected & { field: string }>();
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
      for (const { field, index, definition, empty } of targets) {
        const encoded = definition.toDb(valueFromText(definition, values[index] ?? "", field.options), field.options, context);
        if (!encoded.ok) {
          if (empty) {
            emptied.add({ line, field: field.name, reason: `${JSON.stringify(values[index])} ${encoded.error}` });
            row.push(empty.value);
            continue;
          }
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
    after: { imported, rejected: rejected.total, emptied: emptied.total },
  });
  return { imported, rejected: rejected.list, rejectedTotal: rejected.total, emptied: emptied.list, emptiedTotal: emptied.total };
}
