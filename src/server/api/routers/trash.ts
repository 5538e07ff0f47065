import "server-only";
import { z } from "zod";
import { listTableTrash, listTrashedTables } from "../../services/trash/list-trash";
import { restoreField, restoreRows, restoreTable } from "../../services/trash/restore";
import { loadTable } from "../../services/tables/table-meta";
import { idInput } from "../inputs";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const trashRouter = createTRPCRouter({
  tables: workspaceProcedure("table.alter")
    .input(z.object({ workspaceId: idInput }))
    .query(async ({ ctx, input }) => ({ tables: await listTrashedTables(ctx.db, input.workspaceId) })),

  ofTable: workspaceProcedure("row.write")
    .input(z.object({ tableId: idInput }))
    .query(async ({ ctx, input }) => listTableTrash(ctx.db, await loadTable(ctx.db, input.tableId), ctx.reader)),

  restoreRows: workspaceProcedure("row.write")
    .input(z.object({ tableId: idInput, ids: z.array(z.string().max(2048)).min(1).max(1000) }))
    .mutation(async ({ ctx, input }) => ({ rows: await restoreRows(ctx.db, { ...input, actor: ctx.auditActor, reader: ctx.reader }) })),

  restoreField: workspaceProcedure("table.alter")
    .input(z.object({ tableId: idInput, fieldId: idInput }))
    .mutation(({ ctx, input }) => restoreField(ctx.db, { ...input, actor: ctx.auditActor })),

  restoreTable: workspaceProcedure("table.alter")
    .input(z.object({ trashedTableId: idInput }))
    .mutation(({ ctx, input }) => restoreTable(ctx.db, { tableId: input.trashedTableId, actor: ctx.auditActor })),
});
