import "server-only";
import { z } from "zod";
import { createWorkspace } from "../../services/workspaces/create-workspace";
import { deleteWorkspace } from "../../services/workspaces/delete-workspace";
import { getWorkspace } from "../../services/workspaces/get-workspace";
import { listWorkspaces } from "../../services/workspaces/list-workspaces";
import { renameWorkspace } from "../../services/workspaces/rename-workspace";
import { workspaceOutline } from "../../services/workspaces/workspace-outline";
import { idInput, nameInput } from "../inputs";
import { authedProcedure, createTRPCRouter, userProcedure, workspaceProcedure } from "../trpc";

const workspaceRef = z.object({ workspaceId: idInput });

export const workspaceRouter = createTRPCRouter({
  list: authedProcedure.query(async ({ ctx }) => {
    if (ctx.actor.kind === "token") {
      const workspace = await getWorkspace(ctx.db, ctx.actor.token.workspaceId);
      return { workspaces: [{ id: workspace.id, name: workspace.name, role: ctx.actor.token.role }] };
    }
    return { workspaces: await listWorkspaces(ctx.db, ctx.auditActor.userId!) };
  }),

  create: userProcedure.input(z.object({ name: nameInput })).mutation(({ ctx, input }) =>
    createWorkspace(ctx.db, { name: input.name, actor: ctx.auditActor }),
  ),

  get: workspaceProcedure("workspace.read")
    .input(workspaceRef)
    .query(async ({ ctx, input }) => {
      const workspace = await getWorkspace(ctx.db, input.workspaceId);
      return { id: workspace.id, name: workspace.name, role: ctx.role };
    }),

  /** Its bases, tables and views by name, for navigation. */
  outline: workspaceProcedure("base.read")
    .input(workspaceRef)
    .query(({ ctx, input }) => workspaceOutline(ctx.db, input.workspaceId)),

  rename: workspaceProcedure("workspace.update")
    .input(workspaceRef.extend({ name: nameInput }))
    .mutation(({ ctx, input }) => renameWorkspace(ctx.db, { ...input, actor: ctx.auditActor })),

  delete: workspaceProcedure("workspace.delete")
    .input(workspaceRef)
    .mutation(({ ctx, input }) => deleteWorkspace(ctx.db, { workspaceId: input.workspaceId, actor: ctx.auditActor })),
});
