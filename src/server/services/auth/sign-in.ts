import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { users } from "../../db/schema";
import { env } from "../../env";
import { AppError } from "../../errors";
import { verifyAgainstDummy, verifyPassword } from "../../auth/password";
import { rateLimiter } from "../../auth/rate-limit";
import type { SessionUser } from "../../auth/session";

export type SignInParams = { email: string; password: string; ip: string };

/**
 * Checks credentials. Attempts are limited per address and per account (the
 * latter keyed by the typed email, so the answer is the same whether or not
 * the account exists); a success clears the account's count.
 */
export async function signIn(db: Db, params: SignInParams): Promise<SessionUser> {
  const email = params.email.toLowerCase();
  const window = env.AUTH_RATE_LIMIT_WINDOW_SECONDS;
  const accountKey = `sign-in:account:${email}`;
  for (const [key, limit] of [
    [`sign-in:address:${params.ip}`, env.AUTH_RATE_LIMIT_ADDRESS],
    [accountKey, env.AUTH_RATE_LIMIT_ACCOUNT],
  ] as const) {
    const result = rateLimiter.hit(key, limit, window);
    if (!result.ok) {
      throw new AppError("TOO_MANY_REQUESTS", "Too many sign-in attempts; try again later", {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
  }
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const valid = user ? await verifyPassword(user.passwordHash, params.password) : await verifyAgainstDummy(params.password);
  if (!user || !valid) throw new AppError("UNAUTHORIZED", "Wrong email or password");
  rateLimiter.reset(accountKey);
  return { id: user.id, email: user.email, name: user.name };
}
