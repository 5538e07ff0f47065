import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { connections } from "../../db/schema";
import { connectionView, loadConnection } from "./connection-record";

export async function listConnections(db: Db, workspaceId: string) {
  const rows = await db.select().from(connections).where(eq(connections.workspaceId, workspaceId)).orderBy(asc(connections.name), asc(connections.id));
  return rows.map(connectionView);
}

export async function getConnection(db: Db, connectionId: string) {
  return connectionView(await loadConnection(db, connectionId));
}
