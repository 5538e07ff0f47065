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
});

export type ServerEnv = z.infer<typeof serverEnv>;

export const env: ServerEnv = serverEnv.parse(process.env);
