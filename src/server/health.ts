import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "./db";
import { env } from "./env";

export type HealthReport = { status: "ok" | "error"; database: { ok: boolean; kind: string; latencyMs?: number } };

export async function checkHealth(): Promise<HealthReport> {
  const kind = env.DATABASE_URL ? "postgres" : "pglite";
  const started = performance.now();
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { status: "ok", database: { ok: true, kind, latencyMs: Math.round(performance.now() - started) } };
  } catch (error) {
    // The reason goes to the log, not the answer: it may name hosts or users.
    console.error("health check: database unreachable", error instanceof Error ? error.message : error);
    return { status: "error", database: { ok: false, kind } };
  }
}
