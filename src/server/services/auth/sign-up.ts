import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { users } from "../../db/schema";
import { AppError } from "../../errors";
import { newId } from "../../ids";
import { hashPassword } from "../../auth/password";
import type { SessionUser } from "../../auth/session";

export type SignUpParams = { email: string; password: string; name: string };

export async function signUp(db: Db, params: SignUpParams): Promise<SessionUser> {
  const email = params.email.toLowerCase();
  const taken = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (taken.length > 0) throw emailTaken();
  const user = { id: newId(), email, name: params.name };
  const passwordHash = await hashPassword(params.password);
  try {
    await db.insert(users).values({ ...user, passwordHash });
  } catch (error) {
    // Two sign-ups racing for one address: the unique index decides.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  return user;
}

const emailTaken = () => new AppError("CONFLICT", "An account with this email already exists");

export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return true;
  }
  return false;
}
