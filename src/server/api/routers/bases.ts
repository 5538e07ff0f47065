import "server-only";
import { z } from "zod";
import { createBase, deleteBase, getBase, listBases, renameBase } from "../../services/bases/bases";
import { idInput, nameInput } from "../inputs";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const baseRef = z.object({ baseId: idInput });

export const baseRouter = createTRPCRouter({
  list: workspaceProcedure("base.read")
    .input(z.object({ workspaceId: idInput }))
    .query(async ({ ctx, input }) => ({ bases: await listBases(ctx.db, input.workspaceId) })),

  get: workspaceProcedure("base.read")
    .input(baseRef)
    .query(({ ctx, input }) => getBase(ctx.db, input.baseId)),

  create: workspaceProcedure("base.alter")
    .input(z.object({ workspaceId: idInput, name: nameInput }))
    .mutation(({ ctx, input }) => createBase(ctx.db, { ...input, actor: ctx.auditActor })),

  rename: workspaceProcedure("base.alter")
    .input(baseRef.extend({ name: nameInput }))
    .mutation(({ ctx, input }) => renameBase(ctx.db, { ...input, actor: ctx.auditActor })),

  delete: workspaceProcedure("base.alter")
    .input(baseRef)
    .mutation(({ ctx, input }) => deleteBase(ctx.db, { ...input, actor: ctx.auditActor })),
});
