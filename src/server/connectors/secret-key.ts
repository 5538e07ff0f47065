import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, secretKeyBytes } from "../env";
import { AppError } from "../errors";

export type SecretKeySource = { configured?: string; databaseUrl?: string; dataDir: string };

/**
 * The key that encrypts connection credentials. A configured key always
 * wins. The embedded default (no DATABASE_URL) generates one once into the
 * data directory, so a laptop needs no setup; with a shared PostgreSQL a key
 * must be configured, or every app instance would invent its own.
 */
export function resolveSecretKey(source: SecretKeySource, warn: (message: string) => void = console.warn): Buffer {
  if (source.configured) {
    const key = secretKeyBytes(source.configured);
    if (!key) throw new Error("TESSERA_SECRET_KEY must be 32 bytes, as 64 hex digits or base64");
    return key;
  }
  if (source.databaseUrl) {
    throw new AppError("SERVICE_UNAVAILABLE", "External connections are not set up on this server: TESSERA_SECRET_KEY is required when DATABASE_URL is set (it encrypts connection credentials)");
  }
  if (source.dataDir.startsWith("memory://")) {
    warn("TESSERA_SECRET_KEY is not set: connection credentials are encrypted with a key kept in memory only (lost on restart)");
    return randomBytes(32);
  }
  const file = path.resolve(source.dataDir, "secret.key");
  try {
    const stored = secretKeyBytes(readFileSync(file, "utf8"));
    if (stored) return stored;
    throw new Error(`${file} does not hold a 32-byte key; set TESSERA_SECRET_KEY or remove the file`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  // "wx": two processes starting together cannot both write a key.
  writeFileSync(file, `${key.toString("hex")}\n`, { flag: "wx", mode: 0o600 });
  chmodSync(file, 0o600);
  warn(`TESSERA_SECRET_KEY is not set: generated a key for connection credentials in ${file}; keep it with the data directory`);
  return key;
}

const globalForKey = globalThis as unknown as { tesseraSecretKey?: Buffer };

/** The process's key, resolved on first use (so the app starts without one when no connection is used). */
export function secretKey(): Buffer {
  globalForKey.tesseraSecretKey ??= resolveSecretKey({
    configured: env.TESSERA_SECRET_KEY,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.TESSERA_DATA_DIR,
  });
  return globalForKey.tesseraSecretKey;
}
