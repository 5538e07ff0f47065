import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { tableChanged } from "../events/table-changes";
import { publishedCache } from "./published-cache";
import { rateLimit } from "./rate-limit";
import { tableGeneration } from "./table-generation";

// The process-wide API as the published-view endpoint uses it (the adapter REDIS_URL picks; memory in tests).
describe("published view cache", () => {
  it("keys by generation, so a table change makes the cached answer unreachable", async () => {
    const tableId = randomUUID();
    const keyFor = async () => `view-1:${await tableGeneration(tableId)}:?limit=50`;
    const cache = publishedCache();

    await cache.set(await keyFor(), { etag: '"a"', body: "old" });
    expect(await cache.get(await keyFor())).toEqual({ etag: '"a"', body: "old" });

    await tableChanged({ workspaceId: "w", tableId, kind: "rows" });
    expect(await cache.get(await keyFor())).toBeNull();
  });

  it("rate limits a key", async () => {
    const key = `ip:${randomUUID()}`;
    expect(await rateLimit(key, { limit: 1, windowMs: 60_000 })).toEqual({ ok: true });
    expect(await rateLimit(key, { limit: 1, windowMs: 60_000 })).toMatchObject({ ok: false });
  });
});
