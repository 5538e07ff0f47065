import "server-only";
import { type Role, roleRank } from "@/lib/roles";
import type { Db } from "../../db";
import { apiTokens } from "../../db/schema";
import { forbidden } from "../../errors";
import { newId } from "../../ids";
import { generateApiToken, hashApiToken } from "../../auth/api-token";
import { type AuditActor, recordAudit } from "../../audit/record-audit";

/** Returns the token in clear this one time; only its hash is stored. */
export async function createApiToken(
  db: Db,
  params: { workspaceId: string; name: string; role?: Role; actorRole: Role; actor: AuditActor & { userId: string } },
) {
  const role = params.role ?? params.actorRole;
  if (roleRank(role) > roleRank(params.actorRole)) throw forbidden("A token cannot have a higher role than its creator");
  const token = generateApiToken();
  const record = { id: newId(), workspaceId: params.workspaceId, name: params.name, role };
  await db.transaction(async (tx) => {
    await tx.insert(apiTokens).values({ ...record, tokenHash: hashApiToken(token), createdBy: params.actor.userId });
    await recordAudit(tx, params.actor, {
      workspaceId: params.workspaceId,
      action: "token.create",
      resourceType: "api_token",
      resourceId: record.id,
      after: { name: record.name, role },
    });
  });
  return { id: record.id, name: record.name, role, token };
}
