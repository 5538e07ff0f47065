import "server-only";
import { z } from "zod";
import { can } from "@/lib/permissions";
import { forbidden } from "../../errors";
import { listAudit } from "../../services/audit/list-audit";
import { loadAuditEntry, revertAuditEntry, revertPermission } from "../../services/audit/revert-audit-entry";
import { idInput } from "../inputs";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const instant = z.coerce.date().refine((d) => !Number.isNaN(d.getTime()), "must be an ISO 8601 date or time");

export const auditRouter = createTRPCRouter({
  list: workspaceProcedure("audit.read")
    .input(
      z.object({
        workspaceId: idInput,
        userId: idInput.optional(),
        action: z.string().max(64).optional(),
        resourceType: z.string().max(64).optional(),
        resourceId: z.string().max(200).optional(),
        from: instant.optional(),
        to: instant.optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        cursor: z.string().max(200).optional(),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, input)),

  // Reverting needs the permission of the change itself (row.write for rows, table.alter for schema).
  revert: workspaceProcedure("workspace.read")
    .input(z.object({ auditEntryId: idInput }))
    .mutation(async ({ ctx, input }) => {
      const entry = await loadAuditEntry(ctx.db, input.auditEntryId);
      if (!can(ctx.role, revertPermission(entry))) throw forbidden();
      return revertAuditEntry(ctx.db, { entry, actor: ctx.auditActor, reader: ctx.reader });
    }),
});
