import "server-only";
import { z } from "zod";
import { aggregateInput, computedInput, filterInput, joinInput, sortInput } from "@/lib/query/plan";
import { notFound } from "../../errors";
import { explainRows, queryAggregates, queryRows, readRowsForReader } from "../../query/execute";
import { createRows } from "../../services/rows/create-rows";
import { deleteRows } from "../../services/rows/delete-rows";
import { updateRows } from "../../services/rows/update-rows";
import { loadTable } from "../../services/tables/table-meta";
import { idInput, jsonParam } from "../inputs";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const fieldKey = z.enum(["name", "id"]).optional();
// Internal ids are bigints; a mounted table's encode its primary key (external-rows.ts).
const rowId = z.string().min(1).max(2048);
const cellValues = z.record(z.string(), z.unknown());
const tableRef = z.object({ tableId: idInput, fieldKey });

/** The read part of a query plan as the rows list and view data take it (JSON in REST's query string). */
export const planParams = {
  filter: jsonParam(filterInput).optional(),
  sort: jsonParam(sortInput).optional(),
  fields: jsonParam(z.array(z.string().min(1).max(200)).max(500)).optional(),
  search: z.string().max(500).optional(),
  joins: jsonParam(z.array(joinInput).max(5)).optional(),
  computed: jsonParam(z.array(computedInput).max(20)).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(65_536).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  withTotal: z.preprocess((v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v), z.boolean()).optional(),
};

export const rowRouter = createTRPCRouter({
  list: workspaceProcedure("table.read")
    .input(tableRef.extend(planParams))
    .query(async ({ ctx, input }) => {
      const { tableId, fieldKey, ...plan } = input;
      const table = await loadTable(ctx.db, tableId);
      return queryRows(ctx.db, { table, reader: ctx.reader, actor: ctx.auditActor, plan: { tableId, ...plan }, fieldKey });
    }),

  /** PostgreSQL's plan for a page of rows, for admins debugging a slow view. */
  explain: workspaceProcedure("table.alter")
    .input(tableRef.extend(planParams))
    .query(async ({ ctx, input }) => {
      const { tableId, fieldKey, ...plan } = input;
      const table = await loadTable(ctx.db, tableId);
      return { plan: await explainRows(ctx.db, { table, reader: ctx.reader, plan: { tableId, ...plan }, fieldKey }) };
    }),

  /** Grouped aggregates for dashboards and summaries (API.md "Aggregates"). */
  aggregate: workspaceProcedure("table.read")
    .input(
      tableRef.extend({
        filter: filterInput.optional(),
        search: z.string().max(500).optional(),
        groupBy: z.array(z.string().min(1).max(200)).max(5).default([]),
        aggregates: z.array(aggregateInput).max(50).default([]),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { tableId, fieldKey, ...plan } = input;
      const table = await loadTable(ctx.db, tableId);
      return queryAggregates(ctx.db, { table, reader: ctx.reader, plan: { tableId, limit: 1, ...plan }, fieldKey });
    }),

  get: workspaceProcedure("table.read")
    .input(tableRef.extend({ rowId }))
    .query(async ({ ctx, input }) => {
      const table = await loadTable(ctx.db, input.tableId);
      const [row] = await readRowsForReader(ctx.db, table, ctx.reader, [input.rowId], input.fieldKey, ctx.auditActor);
      if (!row) throw notFound("Row");
      return row;
    }),

  /**
   * Rows by id as the reader may see them: rows outside their row rule are
   * left out, hidden fields too. What an open grid reads after a realtime
   * event names rows (the event itself carries no values).
   */
  byIds: workspaceProcedure("table.read")
    .input(tableRef.extend({ ids: z.array(rowId).min(1).max(1000) }))
    .query(async ({ ctx, input }) => {
      const table = await loadTable(ctx.db, input.tableId);
      return { rows: await readRowsForReader(ctx.db, table, ctx.reader, input.ids, input.fieldKey, ctx.auditActor) };
    }),

  create: workspaceProcedure("row.write")
    .input(tableRef.extend({ rows: z.array(z.object({ fields: cellValues.optional() })).min(1).max(1000) }))
    .mutation(async ({ ctx, input }) => ({
      rows: await createRows(ctx.db, { table: await loadTable(ctx.db, input.tableId), rows: input.rows, actor: ctx.auditActor, reader: ctx.reader, fieldKey: input.fieldKey }),
    })),

  update: workspaceProcedure("row.write")
    .input(
      tableRef.extend({
        rows: z.array(z.object({ id: rowId, fields: cellValues.optional(), expected: cellValues.optional() })).min(1).max(1000),
      }),
    )
    .mutation(async ({ ctx, input }) => ({
      rows: await updateRows(ctx.db, { table: await loadTable(ctx.db, input.tableId), rows: input.rows, actor: ctx.auditActor, reader: ctx.reader, fieldKey: input.fieldKey }),
    })),

  delete: workspaceProcedure("row.write")
    .input(z.object({ tableId: idInput, ids: z.array(rowId).min(1).max(1000) }))
    .mutation(async ({ ctx, input }) =>
      deleteRows(ctx.db, { table: await loadTable(ctx.db, input.tableId), ids: input.ids, actor: ctx.auditActor, reader: ctx.reader }),
    ),
});
