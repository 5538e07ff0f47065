import "server-only";
import { sql } from "drizzle-orm";
import { idPattern } from "../../ids";
import type { Db } from "../index";

// A workspace's user data lives in its own PostgreSQL schema, named from its
// id (never from a typed name). The id is checked again here because it is
// about to become part of DDL.
export function workspaceSchemaName(workspaceId: string): string {
  if (!idPattern.test(workspaceId)) throw new Error("invalid workspace id for a schema name");
  return `ws_${workspaceId}`;
}

export async function createWorkspaceSchema(tx: Db, workspaceId: string): Promise<void> {
  await tx.execute(sql`create schema ${sql.identifier(workspaceSchemaName(workspaceId))}`);
}

export async function dropWorkspaceSchema(tx: Db, workspaceId: string): Promise<void> {
  await tx.execute(sql`drop schema if exists ${sql.identifier(workspaceSchemaName(workspaceId))} cascade`);
}
