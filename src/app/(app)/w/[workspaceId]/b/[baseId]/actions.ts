"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type ActionState, runAction } from "@/trpc/server";
import { formString } from "@/lib/utils";
import { basePath, tablePath } from "@/app/_lib/paths";

/** Creates a table (with a "Name" field) and opens it. */
export async function createTableAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const workspaceId = formString(formData, "workspaceId");
  const baseId = formString(formData, "baseId");
  let tableId: string | undefined;
  const result = await runAction(async (caller) => {
    tableId = (await caller.table.create({ baseId, name: formString(formData, "name") })).id;
  });
  // redirect() throws, so it must run outside runAction, which would report it as a failure.
  if (result.ok && tableId) redirect(tablePath(workspaceId, baseId, tableId));
  return result;
}

export async function restoreTableAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const result = await runAction(async (caller) => {
    await caller.trash.restoreTable({ trashedTableId: formString(formData, "tableId") });
  });
  if (result.ok) revalidatePath(basePath(formString(formData, "workspaceId"), formString(formData, "baseId")));
  return result;
}
