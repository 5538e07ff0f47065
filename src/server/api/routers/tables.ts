import "server-only";
import { z } from "zod";
import { createField } from "../../services/fields/create-field";
import { previewConversion } from "../../services/fields/convert-field";
import { deleteField, updateField } from "../../services/fields/update-field";
import { createTable } from "../../services/tables/create-table";
import { tableRulesInput } from "@/lib/query/table-rules";
import { listTables, tableForReader } from "../../services/tables/list-tables";
import { loadTable } from "../../services/tables/table-meta";
import { setTableRules } from "../../services/tables/table-rules";
import { deleteTable, renameTable } from "../../services/tables/update-table";
import { idInput, nameInput } from "../inputs";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const fieldInput = z.object({
  name: nameInput,
  type: z.string().max(40),
  options: z.record(z.string(), z.unknown()).optional(),
});
const tableRef = z.object({ tableId: idInput });
const fieldRef = tableRef.extend({ fieldId: idInput });

export const tableRouter = createTRPCRouter({
  list: workspaceProcedure("table.read")
    .input(z.object({ baseId: idInput }))
    .query(async ({ ctx, input }) => ({ tables: await listTables(ctx.db, input.baseId, ctx.reader) })),

  get: workspaceProcedure("table.read")
    .input(tableRef)
    .query(async ({ ctx, input }) => tableForReader(await loadTable(ctx.db, input.tableId), ctx.reader)),

  /** Field and row rules per role (admins; readers see their effect, not the rules). */
  rules: workspaceProcedure("table.alter")
    .input(tableRef)
    .query(async ({ ctx, input }) => ({ rules: (await loadTable(ctx.db, input.tableId)).rules })),

  setRules: workspaceProcedure("table.alter")
    .input(tableRef.extend({ rules: tableRulesInput }))
    .mutation(({ ctx, input }) => setTableRules(ctx.db, { ...input, actor: ctx.auditActor })),

  create: workspaceProcedure("table.alter")
    .input(z.object({ baseId: idInput, name: nameInput, fields: z.array(fieldInput).max(500).optional() }))
    .mutation(({ ctx, input }) => createTable(ctx.db, { ...input, workspaceId: ctx.workspaceId, actor: ctx.auditActor })),

  rename: workspaceProcedure("table.alter")
    .input(tableRef.extend({ name: nameInput }))
    .mutation(({ ctx, input }) => renameTable(ctx.db, { ...input, actor: ctx.auditActor })),

  delete: workspaceProcedure("table.alter")
    .input(tableRef)
    .mutation(({ ctx, input }) => deleteTable(ctx.db, { ...input, actor: ctx.auditActor })),

  createField: workspaceProcedure("table.alter")
    .input(tableRef.extend(fieldInput.shape))
    .mutation(({ ctx, input }) => {
      const { tableId, ...field } = input;
      return createField(ctx.db, { tableId, field, actor: ctx.auditActor });
    }),

  updateField: workspaceProcedure("table.alter")
    .input(fieldRef.extend({ name: nameInput.optional(), type: z.string().max(40).optional(), options: fieldInput.shape.options }))
    .mutation(({ ctx, input }) => updateField(ctx.db, { ...input, actor: ctx.auditActor })),

  previewFieldConversion: workspaceProcedure("table.alter")
    .input(fieldRef.extend({ type: z.string().max(40), options: fieldInput.shape.options }))
    .query(({ ctx, input }) => previewConversion(ctx.db, input)),

  deleteField: workspaceProcedure("table.alter")
    .input(fieldRef)
    .mutation(({ ctx, input }) => deleteField(ctx.db, { ...input, actor: ctx.auditActor })),
});
