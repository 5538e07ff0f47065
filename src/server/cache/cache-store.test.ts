import { randomUUID } from "node:crypto";
import net from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tableChanged } from "../events/table-changes";
import type { CacheStore } from "./cache-store";
import { createMemoryStore } from "./memory-store";
import { createRedisStore, type RedisStore } from "./redis-store";
import { invalidateOnTableChange } from "./table-generation";

// The Redis suite needs a Redis server: this machine's (ENVIRONMENT.md) unless
// TEST_REDIS_URL names another. Without one it is skipped, unless TEST_REDIS_URL
// was set on purpose (as CI does), in which case its absence is a failure.
const redisUrl = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";
const redisRequired = Boolean(process.env.TEST_REDIS_URL);
const prefix = `tessera-test:${randomUUID()}:`;
const redisReachable = await reachable(redisUrl);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const id = () => randomUUID();

type Case = { name: string; open: () => Promise<CacheStore & { close?: () => Promise<void> }> };
const cases: Case[] = [{ name: "memory", open: async () => createMemoryStore() }];
const redisStores: RedisStore[] = [];
async function openRedis(url = redisUrl): Promise<RedisStore> {
  const store = createRedisStore({ url, prefix });
  redisStores.push(store);
  await store.ready();
  return store;
}
if (redisReachable) cases.push({ name: "redis", open: () => openRedis() });
else describe.skip(`redis store: skipped, no Redis answers at ${redisUrl} (start one, or set TEST_REDIS_URL)`, () => it("shared suite", () => {}));

afterAll(async () => {
  await Promise.all(redisStores.map((store) => store.close()));
  if (redisReachable) await deleteKeys(redisUrl, `${prefix}*`);
});

it.runIf(redisRequired)("Redis answers at TEST_REDIS_URL", () => {
  expect(redisReachable, `nothing answers at TEST_REDIS_URL`).toBe(true);
});

describe.each(cases)("$name store", ({ open }) => {
  let store: CacheStore;
  beforeAll(async () => {
    store = await open();
  });

  it("misses, then answers what was stored", async () => {
    const key = id();
    expect(await store.get(key)).toBeNull();
    await store.set(key, { etag: '"v1"', body: '{"rows":[]}\nsecond line' });
    expect(await store.get(key)).toEqual({ etag: '"v1"', body: '{"rows":[]}\nsecond line' });
  });

  it("changes a table's generation on every change of that table only", async () => {
    const unsubscribe = invalidateOnTableChange(store);
    try {
      const [table, other] = [id(), id()];
      const before = await store.generation(table);
      const otherBefore = await store.generation(other);
      expect(await store.generation(table)).toBe(before);

      await tableChanged({ workspaceId: "w", tableId: table, kind: "rows" });
      const afterRows = await store.generation(table);
      expect(afterRows).not.toBe(before);

      await tableChanged({ workspaceId: "w", tableId: table, kind: "views" });
      const afterViews = await store.generation(table);
      expect(new Set([before, afterRows, afterViews]).size).toBe(3);
      expect(await store.generation(other)).toBe(otherBefore);
    } finally {
      unsubscribe();
    }
  });

  it("allows `limit` hits per window, then refuses with Retry-After, then recovers", async () => {
    const [key, other] = [id(), id()];
    const windowMs = 400;
    for (let i = 0; i < 3; i++) expect(await store.hit(key, 3, windowMs)).toEqual({ ok: true });
    const refused = await store.hit(key, 3, windowMs);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(await store.hit(other, 3, windowMs)).toEqual({ ok: true });

    await sleep(windowMs + 200);
    expect(await store.hit(key, 3, windowMs)).toEqual({ ok: true });
  });
});

describe("memory store bounds", () => {
  const answer = (bytes: number) => ({ etag: "e", body: "x".repeat(bytes - 1) });

  it("keeps at most maxEntries, dropping the least recently used", async () => {
    const store = createMemoryStore({ maxEntries: 2 });
    await store.set("a", answer(10));
    await store.set("b", answer(10));
    await store.get("a");
    await store.set("c", answer(10));
    expect(await store.get("b")).toBeNull();
    expect(await store.get("a")).not.toBeNull();
    expect(await store.get("c")).not.toBeNull();
  });

  it("keeps at most maxBytes, and does not cache one answer larger than a quarter of it", async () => {
    const store = createMemoryStore({ maxBytes: 100 });
    for (const key of ["a", "b", "c", "d", "e"]) await store.set(key, answer(25));
    expect(await store.get("a")).toBeNull();
    expect(await store.get("e")).not.toBeNull();
    await store.set("big", answer(26));
    expect(await store.get("big")).toBeNull();
    expect(await store.get("e")).not.toBeNull();
  });

  it("forgets answers after the TTL", async () => {
    const store = createMemoryStore({ ttlMs: 50 });
    await store.set("a", answer(10));
    expect(await store.get("a")).not.toBeNull();
    await sleep(150);
    expect(await store.get("a")).toBeNull();
  });
});

describe.skipIf(!redisReachable)("redis store across instances", () => {
  it("two instances agree on answers, generations and rate limits", async () => {
    const [a, b] = [await openRedis(), await openRedis()];
    const table = id();
    const before = await b.generation(table);
    expect(await a.generation(table)).toBe(before);
    await a.bump(table);
    const after = await b.generation(table);
    expect(after).not.toBe(before);
    expect(await a.generation(table)).toBe(after);

    const key = id();
    await a.set(key, { etag: '"x"', body: "shared" });
    expect(await b.get(key)).toEqual({ etag: '"x"', body: "shared" });

    const limited = id();
    expect(await a.hit(limited, 2, 5_000)).toEqual({ ok: true });
    expect(await b.hit(limited, 2, 5_000)).toEqual({ ok: true });
    expect((await a.hit(limited, 2, 5_000)).ok).toBe(false);
  });

  it("never hands out an old generation again after Redis loses the key", async () => {
    const store = await openRedis();
    const table = id();
    const seen = [await store.generation(table)];
    await store.bump(table);
    seen.push(await store.generation(table));
    await deleteKeys(redisUrl, `${prefix}gen:${table}`);
    expect(seen).not.toContain(await store.generation(table));
  });
  it("replays a table change made while Redis was away once it returns", async () => {
    const target = new URL(redisUrl);
    const proxy = await tcpProxy(target.hostname, Number(target.port || 6379));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    try {
      const url = new URL(redisUrl);
      url.hostname = "127.0.0.1";
      url.port = String(proxy.port);
      const [throughProxy, direct] = [await openRedis(url.toString()), await openRedis()];
      const table = id();
      const before = await direct.generation(table);

      await proxy.stop();
      await throughProxy.bump(table);
      expect(await direct.generation(table)).toBe(before);

      await proxy.start();
      await vi.waitFor(async () => expect(await direct.generation(table)).not.toBe(before), { timeout: 10_000, interval: 100 });
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      await proxy.stop();
      warn.mockRestore();
      info.mockRestore();
    }
  });
});

describe("redis store when Redis is unreachable", () => {
  it("misses, limits in memory, logs once without the password, never throws", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      // Nothing listens on port 1.
      const store = createRedisStore({ url: "redis://tessera:s3cret-pw@127.0.0.1:1/0", prefix });
      redisStores.push(store);
      expect(await store.ready()).toBe(false);

      await store.set("k", { etag: "e", body: "b" });
      expect(await store.get("k")).toBeNull();
      const table = id();
      const g1 = await store.generation(table);
      await store.bump(table);
      expect(await store.generation(table)).not.toBe(g1);

      for (let i = 0; i < 2; i++) expect(await store.hit("ip", 2, 60_000)).toEqual({ ok: true });
      const refused = await store.hit("ip", 2, 60_000);
      expect(refused.ok).toBe(false);

      expect(warn).toHaveBeenCalledTimes(1);
      expect(JSON.stringify(warn.mock.calls)).not.toContain("s3cret");
      expect(JSON.stringify(warn.mock.calls)).toContain("127.0.0.1:1");
    } finally {
      warn.mockRestore();
    }
  });
});

async function reachable(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null, connectTimeout: 1_000 });
  probe.on("error", () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

async function deleteKeys(url: string, pattern: string) {
  const redis = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

// A TCP relay to Redis that can be cut and restored, to stand for an outage.
async function tcpProxy(host: string, port: number) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let listenPort = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(port, host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(listenPort, "127.0.0.1", () => {
        listenPort = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await start();
  return { port: listenPort, start, stop };
}
