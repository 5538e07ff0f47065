import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "@/server/api/root";
import { createContext, toAppError } from "@/server/api/trpc";
import type { CookieSpec } from "@/server/auth/session";

type Caller = ReturnType<typeof createCaller>;

// One context per server render: pages read through the same procedures
// (and so the same permission checks) as the REST and tRPC APIs.
const renderContext = cache(async () => createContext({ headers: await headers(), method: "GET" }));

/** A tRPC caller for server components. */
export async function api(): Promise<Caller> {
  return createCaller(await renderContext());
}

export type ActionState = {
  ok?: boolean;
  /** A message about the whole form. */
  formError?: string;
  /** Messages keyed by input name, shown next to the input. */
  fieldErrors?: Record<string, string>;
  /** Data a form wants back (e.g. a token shown once). */
  data?: Record<string, unknown>;
};

/**
 * Runs procedures for a server action and writes any cookies they set.
 * Errors become an ActionState with messages placed by field where the
 * input's validation names one.
 */
export async function runAction(fn: (caller: Caller) => Promise<ActionState | void>): Promise<ActionState> {
  const ctx = await createContext({ headers: await headers(), method: "POST" });
  try {
    return (await fn(createCaller(ctx))) ?? { ok: true };
  } catch (error) {
    const appError = toAppError(error);
    const issues = (appError.details as { issues?: Array<{ path: string[]; message: string }> } | undefined)?.issues;
    const fieldErrors: Record<string, string> = {};
    for (const issue of issues ?? []) {
      const field = issue.path[0];
      if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return Object.keys(fieldErrors).length > 0 ? { fieldErrors } : { formError: appError.message };
  } finally {
    await applyCookies(ctx.responseCookies);
  }
}

async function applyCookies(specs: CookieSpec[]) {
  if (specs.length === 0) return;
  const jar = await cookies();
  for (const c of specs) {
    jar.set(c.name, c.value, { httpOnly: true, sameSite: "lax", secure: c.secure, expires: c.expires, path: "/" });
  }
}
