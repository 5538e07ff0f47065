"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { toAppError } from "@/server/api/trpc";
import { type ActionState, runAction } from "@/trpc/server";
import { roles, type Role } from "@/lib/roles";
import { formString } from "@/lib/utils";

// An unknown value is passed on as is: the procedure's validation names the field.
const roleFrom = (formData: FormData) => formString(formData, "role") as Role;

export async function addMemberAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const workspaceId = formString(formData, "workspaceId");
  const result = await runAction(async (caller): Promise<ActionState | void> => {
    try {
      await caller.member.add({ workspaceId, email: formString(formData, "email"), role: roleFrom(formData) });
    } catch (error) {
      // Put the refusals that are about one input next to that input.
      const appError = toAppError(error);
      if (appError.code === "NOT_FOUND" && appError.message.startsWith("User")) {
        return { fieldErrors: { email: "No Tessera account uses this email; ask them to sign up first" } };
      }
      if (appError.code === "CONFLICT") return { fieldErrors: { email: appError.message } };
      if (appError.code === "FORBIDDEN" && roles.includes(roleFrom(formData))) {
        return { fieldErrors: { role: appError.message } };
      }
      throw error;
    }
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/members`);
  return result;
}

export async function updateMemberRoleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const workspaceId = formString(formData, "workspaceId");
  const result = await runAction(async (caller) => {
    await caller.member.updateRole({ workspaceId, userId: formString(formData, "userId"), role: roleFrom(formData) });
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result;
}

/** Removes a member; when it is the signed-in user (leaving), goes back to their workspaces. */
export async function removeMemberAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const workspaceId = formString(formData, "workspaceId");
  const userId = formString(formData, "userId");
  let left = false;
  const result = await runAction(async (caller) => {
    const { user } = await caller.auth.me();
    await caller.member.remove({ workspaceId, userId });
    left = user.id === userId;
  });
  if (result.ok && left) redirect("/w");
  if (result.ok) revalidatePath(`/w/${workspaceId}/members`);
  return result;
}
