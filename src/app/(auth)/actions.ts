"use server";

import { redirect } from "next/navigation";
import { toAppError } from "@/server/api/trpc";
import { type ActionState, runAction } from "@/trpc/server";
import { formString } from "@/lib/utils";

export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const result = await runAction(async (caller) => {
    await caller.auth.signIn({ email: formString(formData, "email"), password: formString(formData, "password") });
  });
  if (result.ok) redirect("/w");
  return result;
}

export async function signUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const result = await runAction(async (caller): Promise<ActionState | void> => {
    try {
      await caller.auth.signUp({
        name: formString(formData, "name"),
        email: formString(formData, "email"),
        password: formString(formData, "password"),
      });
    } catch (error) {
      // "Email already taken" belongs next to the email input.
      const appError = toAppError(error);
      if (appError.code === "CONFLICT") return { fieldErrors: { email: appError.message } };
      throw error;
    }
  });
  if (result.ok) redirect("/w");
  return result;
}
