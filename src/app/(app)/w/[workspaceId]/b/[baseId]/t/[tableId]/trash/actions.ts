"use server";

import { revalidatePath } from "next/cache";
import { type ActionState, runAction } from "@/trpc/server";
import { formString } from "@/lib/utils";
import { tablePath } from "@/app/_lib/paths";

function refresh(formData: FormData) {
  const path = tablePath(formString(formData, "workspaceId"), formString(formData, "baseId"), formString(formData, "tableId"));
  revalidatePath(path);
  revalidatePath(`${path}/trash`);
}

export async function restoreRowAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const result = await runAction(async (caller) => {
    await caller.trash.restoreRows({ tableId: formString(formData, "tableId"), ids: [formString(formData, "rowId")] });
  });
  if (result.ok) refresh(formData);
  return result;
}

export async function restoreFieldAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const result = await runAction(async (caller) => {
    await caller.trash.restoreField({ tableId: formString(formData, "tableId"), fieldId: formString(formData, "fieldId") });
  });
  if (result.ok) refresh(formData);
  return result;
}
