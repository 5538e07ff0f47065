import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { toAppError } from "@/server/api/trpc";
import { api } from "@/trpc/server";
import { getWorkspace } from "./session";

/** A page's answer to a refused read: the same 404 for "not there" and "not yours", as the API gives. */
export function notFoundOnRefusal(error: unknown): never {
  const code = toAppError(error).code;
  if (code === "UNAUTHORIZED") redirect("/sign-in");
  if (code === "NOT_FOUND" || code === "BAD_REQUEST" || code === "FORBIDDEN") notFound();
  throw error;
}

/** The workspace, and the base, which must belong to it (ids in the URL are not trusted to match). */
export const getBase = cache(async (workspaceId: string, baseId: string) => {
  const workspace = await getWorkspace(workspaceId);
  const caller = await api();
  const base = await caller.base.get({ baseId }).catch(notFoundOnRefusal);
  if (base.workspaceId !== workspaceId) notFound();
  return { workspace, base };
});

/** The workspace, the base and the table, each inside the one before. */
export const getTable = cache(async (workspaceId: string, baseId: string, tableId: string) => {
  const { workspace, base } = await getBase(workspaceId, baseId);
  const caller = await api();
  const table = await caller.table.get({ tableId }).catch(notFoundOnRefusal);
  if (table.baseId !== baseId) notFound();
  return { workspace, base, table };
});
