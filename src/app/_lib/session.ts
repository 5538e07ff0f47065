import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { toAppError } from "@/server/api/trpc";
import { api } from "@/trpc/server";

/** The signed-in user, or null. */
export const getUser = cache(async () => {
  const caller = await api();
  try {
    return (await caller.auth.me()).user;
  } catch (error) {
    if (toAppError(error).code === "UNAUTHORIZED") return null;
    throw error;
  }
});

/** The signed-in user; anyone else is sent to the sign-in page. */
export async function requireUser() {
  const user = await getUser();
  if (!user) redirect("/sign-in");
  return user;
}

export async function redirectIfSignedIn(): Promise<void> {
  if (await getUser()) redirect("/w");
}

/**
 * The workspace and the viewer's role in it. Someone who is not a member gets
 * the same 404 as for a workspace that does not exist, as the API answers.
 */
export const getWorkspace = cache(async (workspaceId: string) => {
  await requireUser();
  const caller = await api();
  try {
    return await caller.workspace.get({ workspaceId });
  } catch (error) {
    const code = toAppError(error).code;
    if (code === "UNAUTHORIZED") redirect("/sign-in");
    if (code === "NOT_FOUND" || code === "BAD_REQUEST" || code === "FORBIDDEN") notFound();
    throw error;
  }
});
