import "server-only";
import type { ConnectionKind } from "@/lib/connections/connection-kinds";
import type { Db } from "../../db";
import { connections } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { type ConnectionFields, configFromInput } from "../../connectors/connection-url";
import { newId } from "../../ids";
import { auditedConnection, connectionView, storedConfig } from "./connection-record";

export type ConnectionInput = ConnectionFields & { url?: string; readOnly?: boolean };

export async function createConnection(
  db: Db,
  params: { workspaceId: string; name: string; kind: ConnectionKind; input: ConnectionInput; actor: AuditActor },
) {
  const config = configFromInput(params.kind, params.input);
  const id = newId();
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(connections)
      .values({
        id,
        workspaceId: params.workspaceId,
        name: params.name,
        kind: params.kind,
        readOnly: params.input.readOnly ?? false,
        createdBy: params.actor.userId,
        ...storedConfig(id, config),
      })
      .returning();
    await recordAudit(tx, params.actor, {
      workspaceId: params.workspaceId,
      action: "connection.create",
      resourceType: "connection",
      resourceId: id,
      after: auditedConnection(created!),
    });
    return created!;
  });
  return connectionView(row);
}
