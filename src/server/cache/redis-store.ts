import "server-only";
import { randomUUID } from "node:crypto";
import { Redis, type ChainableCommander } from "ioredis";
import { createMemoryRateLimiter } from "../auth/rate-limit";
import type { CacheStore } from "./cache-store";
import { CACHE_TTL_MS } from "./memory-store";

export type RedisStoreOptions = { url: string; prefix?: string; ttlMs?: number };
export type RedisStore = CacheStore & {
  /** Resolves true once connected, false if the first attempt fails. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
};

/**
 * The cache shared by every app instance. Redis trouble never fails a request:
 * reads miss, writes are dropped, rate limits fall back to this instance's
 * memory, and table bumps are retried once Redis answers again.
 */
export function createRedisStore({ url, prefix = "tessera:", ttlMs = CACHE_TTL_MS }: RedisStoreOptions): RedisStore {
  const target = redactedTarget(url);
  const redis = new Redis(url, {
    // Disconnected: fail at once and degrade, rather than queue requests behind a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });
  const fallback = createMemoryRateLimiter();
  const pendingBumps = new Set<string>();
  let down = false;
  let closed = false;

  // Logged once per outage, with the host only: a URL can carry a password.
  const unavailable = (error: unknown) => {
    if (down || closed) return;
    down = true;
    console.warn("Redis unavailable: published views answer uncached and rate limits are per instance until it returns", {
      redis: target,
      error: describeError(error, url),
    });
  };
  redis.on("error", unavailable);
  redis.on("ready", () => {
    if (down) console.info("Redis reachable again", { redis: target });
    down = false;
    void flushPendingBumps();
  });

  async function attempt<T>(command: () => Promise<T>, otherwise: T): Promise<T> {
    try {
      const result = await command();
      down = false;
      if (pendingBumps.size > 0) void flushPendingBumps();
      return result;
    } catch (error) {
      // Not connected: the "error" event has reported it already.
      if (redis.status === "ready") unavailable(error);
      return otherwise;
    }
  }

  let flushing = false;
  async function flushPendingBumps() {
    if (flushing) return;
    flushing = true;
    try {
      const tableIds = [...pendingBumps];
      pendingBumps.clear();
      for (const tableId of tableIds) await bump(tableId);
    } finally {
      flushing = false;
    }
  }

  // A generation starts from the clock, not from 0: if Redis evicts or loses the
  // key while older answers survive, the new count cannot meet their old keys.
  const generationKey = (tableId: string) => `${prefix}gen:${tableId}`;
  const seed = () => String(Date.now() * 1000);

  async function bump(tableId: string) {
    const key = generationKey(tableId);
    const done = await attempt(async () => (await exec(redis.multi().set(key, seed(), "NX").incr(key)), true), false);
    // Missing a bump would leave other instances serving stale answers until the TTL.
    if (!done) pendingBumps.add(tableId);
  }

  const answerKey = (key: string) => `${prefix}pv:${key}`;

  return {
    async get(key) {
      const raw = await attempt(() => redis.get(answerKey(key)), null);
      const cut = raw?.indexOf("\n") ?? -1;
      return raw && cut >= 0 ? { etag: raw.slice(0, cut), body: raw.slice(cut + 1) } : null;
    },
    async set(key, answer) {
      if (answer.etag.includes("\n")) return; // not a valid header value; also our separator
      await attempt(() => redis.set(answerKey(key), `${answer.etag}\n${answer.body}`, "PX", ttlMs), null);
    },
    async generation(tableId) {
      const key = generationKey(tableId);
      const [, value] = await attempt(() => exec(redis.multi().set(key, seed(), "NX").get(key)), [null, null]);
      // Unreachable: a token no cached answer carries, so nothing stale is served.
      return value === null || value === undefined ? `unavailable-${randomUUID()}` : String(value);
    },
    bump,
    async hit(key, limit, windowMs) {
      const counterKey = `${prefix}rl:${key}`;
      const window = Math.max(1, Math.ceil(windowMs));
      const counted = await attempt(async () => {
        const [count, , ttl] = await exec(redis.multi().incr(counterKey).pexpire(counterKey, window, "NX").pttl(counterKey));
        return { count: Number(count), ttl: Number(ttl) };
      }, null);
      if (!counted) return fallback.hit(key, limit, windowMs / 1000);
      if (counted.count <= limit) return { ok: true };
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((counted.ttl > 0 ? counted.ttl : window) / 1000)) };
    },
    ready() {
      if (redis.status === "ready") return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const settle = (ok: boolean) => {
          redis.off("ready", onReady);
          redis.off("error", onError);
          resolve(ok);
        };
        const onReady = () => settle(true);
        const onError = () => settle(false);
        redis.on("ready", onReady);
        redis.on("error", onError);
      });
    },
    async close() {
      closed = true;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

async function exec(transaction: ChainableCommander): Promise<unknown[]> {
  const results = await transaction.exec();
  if (!results) throw new Error("Redis transaction aborted");
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

function redactedTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || "6379"}${u.pathname.length > 1 ? u.pathname : ""}`;
  } catch {
    return "(REDIS_URL is not a URL)";
  }
}

function describeError(error: unknown, url: string): string {
  const text = error instanceof Error ? ((error as { code?: string }).code ?? error.message) : String(error);
  let password = "";
  try {
    password = new URL(url).password;
  } catch {}
  return password ? text.replaceAll(password, "***").replaceAll(decodeURIComponent(password), "***") : text;
}
