import "server-only";
import { z } from "zod";
import { createApiToken } from "../../services/tokens/create-api-token";
import { listApiTokens } from "../../services/tokens/list-api-tokens";
import { revokeApiToken } from "../../services/tokens/revoke-api-token";
import { idInput, nameInput, roleInput } from "../inputs";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const tokenRouter = createTRPCRouter({
  list: workspaceProcedure("token.manage")
    .input(z.object({ workspaceId: idInput }))
    .query(async ({ ctx, input }) => ({ tokens: await listApiTokens(ctx.db, input.workspaceId) })),

  create: workspaceProcedure("token.manage")
    .input(z.object({ workspaceId: idInput, name: nameInput, role: roleInput.optional() }))
    .mutation(({ ctx, input }) => createApiToken(ctx.db, { ...input, actorRole: ctx.role, actor: ctx.auditActor })),

  revoke: workspaceProcedure("token.manage")
    .input(z.object({ workspaceId: idInput, tokenId: idInput }))
    .mutation(({ ctx, input }) => revokeApiToken(ctx.db, { ...input, actor: ctx.auditActor })),
});
