"use server";

import { revalidatePath } from "next/cache";
import { type ActionState, runAction } from "@/trpc/server";
import type { Role } from "@/lib/roles";
import { formString } from "@/lib/utils";

export async function createTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const workspaceId = formString(formData, "workspaceId");
  const result = await runAction(async (caller) => {
    const created = await caller.token.create({
      workspaceId,
      name: formString(formData, "name"),
      role: formString(formData, "role") as Role,
    });
    // The token in clear exists only in this answer; it is never shown again.
    return { ok: true, data: { name: created.name, token: created.token } };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/settings/tokens`);
  return result;
}

export async function revokeTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const workspaceId = formString(formData, "workspaceId");
  const result = await runAction(async (caller) => {
    await caller.token.revoke({ workspaceId, tokenId: formString(formData, "tokenId") });
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/settings/tokens`);
  return result;
}
