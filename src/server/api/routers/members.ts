import "server-only";
import { z } from "zod";
import { can } from "@/lib/permissions";
import { forbidden } from "../../errors";
import { addMember } from "../../services/members/add-member";
import { listMembers } from "../../services/members/list-members";
import { removeMember } from "../../services/members/remove-member";
import { updateMemberRole } from "../../services/members/update-member-role";
import { emailInput, idInput, roleInput } from "../inputs";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const memberRef = z.object({ workspaceId: idInput, userId: idInput });

export const memberRouter = createTRPCRouter({
  list: workspaceProcedure("member.read")
    .input(z.object({ workspaceId: idInput }))
    .query(async ({ ctx, input }) => ({ members: await listMembers(ctx.db, input.workspaceId) })),

  add: workspaceProcedure("member.manage")
    .input(z.object({ workspaceId: idInput, email: emailInput, role: roleInput }))
    .mutation(({ ctx, input }) => addMember(ctx.db, { ...input, actorRole: ctx.role, actor: ctx.auditActor })),

  updateRole: workspaceProcedure("member.manage")
    .input(memberRef.extend({ role: roleInput }))
    .mutation(({ ctx, input }) => updateMemberRole(ctx.db, { ...input, actorRole: ctx.role, actor: ctx.auditActor })),

  // Any member may leave; removing someone else needs member.manage.
  remove: workspaceProcedure("workspace.read")
    .input(memberRef)
    .mutation(async ({ ctx, input }) => {
      if (input.userId !== ctx.auditActor.userId && !can(ctx.role, "member.manage")) throw forbidden();
      await removeMember(ctx.db, { ...input, actorRole: ctx.role, actor: ctx.auditActor });
    }),
});
