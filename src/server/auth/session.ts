import "server-only";
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { sessions, users } from "../db/schema";
import { env } from "../env";
import { randomBase32 } from "../ids";

export const sessionCookieName = "tessera_session";

const day = 24 * 60 * 60 * 1000;
const sessionTtl = () => env.SESSION_TTL_DAYS * day;

export type SessionUser = { id: string; email: string; name: string };
export type ValidSession = { id: string; expiresAt: Date; user: SessionUser };

const hashSecret = (secret: string) => sha256(new TextEncoder().encode(secret));

/** Creates a session and returns the token for the cookie: "<id>.<secret>". */
export async function createSession(db: Db, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const id = randomBase32(15);
  const secret = randomBase32(20);
  const expiresAt = new Date(Date.now() + sessionTtl());
  await db.insert(sessions).values({ id, userId, secretHash: hashSecret(secret), expiresAt });
  return { token: `${id}.${secret}`, expiresAt };
}

/**
 * The session a cookie token names, or null. Expired sessions are deleted;
 * a session past half its life is extended (sliding expiry).
 */
export async function validateSessionToken(db: Db, token: string): Promise<ValidSession | null> {
  const [id, secret, ...rest] = token.split(".");
  if (!id || !secret || rest.length > 0 || id.length > 64 || secret.length > 64) return null;
  const [row] = await db
    .select({ session: sessions, user: { id: users.id, email: users.email, name: users.name } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), row.session.secretHash)) return null;
  const now = Date.now();
  if (row.session.expiresAt.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let expiresAt = row.session.expiresAt;
  if (expiresAt.getTime() - now < sessionTtl() / 2) {
    expiresAt = new Date(now + sessionTtl());
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
  }
  return { id, expiresAt, user: row.user };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export type CookieSpec = { name: string; value: string; expires: Date; secure: boolean };

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): CookieSpec {
  return { name: sessionCookieName, value: token, expires: expiresAt, secure };
}

export function blankSessionCookie(secure: boolean): CookieSpec {
  return { name: sessionCookieName, value: "", expires: new Date(0), secure };
}

export function serializeCookie(c: CookieSpec): string {
  const parts = [`${c.name}=${c.value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${c.expires.toUTCString()}`];
  if (c.secure) parts.push("Secure");
  return parts.join("; ");
}
