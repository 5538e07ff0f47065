import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { apiTokens } from "../../db/schema";
import { notFound } from "../../errors";
import { type AuditActor, recordAudit } from "../../audit/record-audit";

export async function revokeApiToken(db: Db, params: { workspaceId: string; tokenId: string; actor: AuditActor }) {
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, params.tokenId), eq(apiTokens.workspaceId, params.workspaceId)))
      .returning({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role });
    if (!revoked) throw notFound("API token");
    await recordAudit(tx, params.actor, {
      workspaceId: params.workspaceId,
      action: "token.delete",
      resourceType: "api_token",
      resourceId: revoked.id,
      before: { name: revoked.name, role: revoked.role },
    });
  });
}
