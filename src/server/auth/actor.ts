import "server-only";
import type { Db } from "../db";
import { type ValidApiToken, validateApiToken } from "./api-token";
import { sessionCookieName, type SessionUser, validateSessionToken } from "./session";

/** Who is calling: a signed-in user (session cookie), an API token, or nobody. */
export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; user: SessionUser; sessionId: string }
  | { kind: "token"; token: ValidApiToken };

export function readCookie(headers: Headers, name: string): string | null {
  const header = headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function readBearer(headers: Headers): string | null {
  const header = headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * A Bearer header wins over a cookie. An invalid credential yields "anonymous",
 * so the caller gets 401 wherever one is needed.
 */
export async function resolveActor(db: Db, headers: Headers): Promise<Actor> {
  const bearer = readBearer(headers);
  if (bearer) {
    const token = await validateApiToken(db, bearer);
    return token ? { kind: "token", token } : { kind: "anonymous" };
  }
  const cookie = readCookie(headers, sessionCookieName);
  if (cookie) {
    const session = await validateSessionToken(db, cookie);
    if (session) return { kind: "user", user: session.user, sessionId: session.id };
  }
  return { kind: "anonymous" };
}

/** The user an action is attributed to (a token acts for the user who created it). */
export function actorUserId(actor: Actor): string | null {
  if (actor.kind === "user") return actor.user.id;
  if (actor.kind === "token") return actor.token.createdBy;
  return null;
}
