import "server-only";
import { z } from "zod";

// Every server setting, validated once. README.md lists them with their defaults.
// An empty variable means "not set", as in most deployment tools.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const serverEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  // Unset: embedded PostgreSQL (PGlite) in TESSERA_DATA_DIR, no service needed.
  DATABASE_URL: optional(z.url()),
  TESSERA_DATA_DIR: z.string().default(".data"),
  // Extra origins allowed to send cookie-authenticated mutations (comma-separated).
  TESSERA_ALLOWED_ORIGINS: z.string().default(""),
  SESSION_TTL_DAYS: z.coerce.number().int().positive().default(30),
  AUTH_RATE_LIMIT_ACCOUNT: z.coerce.number().int().positive().default(10),
  AUTH_RATE_LIMIT_ADDRESS: z.coerce.number().int().positive().default(100),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  TRASH_RETENTION_DAYS: z.coerce.number().positive().default(30),
  FILE_MAX_BYTES: z.coerce.number().int().positive().default(100 * 1024 ** 2),
  IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(1024 ** 3),
  // Published views and public forms: requests per client address and slug per minute.
  PUBLIC_API_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  // Unset: published-view cache and rate limits in process memory (one instance).
  REDIS_URL: optional(z.url()),
  // Encrypts external connections' credentials (AES-256-GCM): 32 bytes as 64 hex
  // digits or base64. Unset on the embedded default: generated once into
  // TESSERA_DATA_DIR (with a warning); required with DATABASE_URL.
  TESSERA_SECRET_KEY: optional(
    z.string().refine((v) => secretKeyBytes(v) !== undefined, { message: "must be 32 bytes, as 64 hex digits or base64" }),
  ),
  // External connections: every query's time limit, the most rows one request
  // answers, how long connecting may take, and when an unused pool is closed.
  CONNECTION_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  CONNECTION_ROW_CAP: z.coerce.number().int().positive().default(1000),
  CONNECTION_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  CONNECTION_IDLE_SECONDS: z.coerce.number().int().positive().default(300),
  /** How old a connection's discovered schema may get before it is discovered again in the background; 0 turns that off. */
  CONNECTION_SCHEMA_REFRESH_MINUTES: z.coerce.number().min(0).default(60),
  // Realtime (presence, live edits): both set, or neither. The URL is the
  // Liveblocks server the browser and this server talk to
  // (https://api.liveblocks.io, or the local dev server npm run dev starts).
  LIVEBLOCKS_SECRET_KEY: optional(z.string().startsWith("sk_")),
  NEXT_PUBLIC_LIVEBLOCKS_BASE_URL: optional(z.url()),
}).refine((v) => (v.LIVEBLOCKS_SECRET_KEY === undefined) === (v.NEXT_PUBLIC_LIVEBLOCKS_BASE_URL === undefined), {
  message: "LIVEBLOCKS_SECRET_KEY and NEXT_PUBLIC_LIVEBLOCKS_BASE_URL are set together or not at all",
});

/** A TESSERA_SECRET_KEY's 32 bytes, or undefined when it is not a 32-byte key. */
export function secretKeyBytes(text: string): Buffer | undefined {
  const trimmed = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  return bytes.length === 32 ? bytes : undefined;
}

export type ServerEnv = z.infer<typeof serverEnv>;

export const env: ServerEnv = serverEnv.parse(process.env);
