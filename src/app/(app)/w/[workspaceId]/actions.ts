"use server";

import { revalidatePath } from "next/cache";
import { type ActionState, runAction } from "@/trpc/server";
import { formString } from "@/lib/utils";

export async function createBaseAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const workspaceId = formString(formData, "workspaceId");
  const result = await runAction(async (caller) => {
    await caller.base.create({ workspaceId, name: formString(formData, "name") });
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}`);
  return result;
}

export async function renameBaseAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const result = await runAction(async (caller) => {
    await caller.base.rename({ baseId: formString(formData, "baseId"), name: formString(formData, "name") });
  });
  if (result.ok) revalidatePath(`/w/${formString(formData, "workspaceId")}`);
  return result;
}

export async function deleteBaseAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const result = await runAction(async (caller) => {
    await caller.base.delete({ baseId: formString(formData, "baseId") });
  });
  if (result.ok) revalidatePath(`/w/${formString(formData, "workspaceId")}`);
  return result;
}
