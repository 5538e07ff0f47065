import "server-only";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Role } from "@/lib/roles";
import type { Db } from "../db";
import { apiTokens } from "../db/schema";
import { randomBase32 } from "../ids";

const tokenPrefix = "tsr_";

export function generateApiToken(): string {
  return tokenPrefix + randomBase32(25);
}

// Tokens carry 200 random bits, so a fast hash is enough (no salt or argon2 needed).
export function hashApiToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export type ValidApiToken = { id: string; workspaceId: string; role: Role; createdBy: string };

const lastUsedResolution = 60_000;

export async function validateApiToken(db: Db, token: string): Promise<ValidApiToken | null> {
  if (!token.startsWith(tokenPrefix) || token.length > 128) return null;
  const [row] = await db
    .select({ id: apiTokens.id, workspaceId: apiTokens.workspaceId, role: apiTokens.role, createdBy: apiTokens.createdBy })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashApiToken(token)));
  if (!row) return null;
  // Recorded at most once a minute, so a busy token does not write on every request.
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(Date.now() - lastUsedResolution))),
      ),
    );
  return row;
}
