"use server";

import { redirect } from "next/navigation";
import { type ActionState, runAction } from "@/trpc/server";
import { formString } from "@/lib/utils";

export async function signOutAction(): Promise<void> {
  await runAction((caller) => caller.auth.signOut());
  redirect("/sign-in");
}

/** Ends every session of the user, on every device. */
export async function signOutEverywhereAction(): Promise<void> {
  await runAction((caller) => caller.auth.signOut({ all: true }));
  redirect("/sign-in");
}

export async function createWorkspaceAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let id: string | undefined;
  const result = await runAction(async (caller) => {
    ({ id } = await caller.workspace.create({ name: formString(formData, "name") }));
  });
  if (result.ok && id) redirect(`/w/${id}`);
  return result;
}
