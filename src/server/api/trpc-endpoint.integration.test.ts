import { TRPCClientError } from "@trpc/client";
import { describe, expect, test } from "vitest";
import { GET as health } from "@/app/api/health/route";
import type { AppRouter } from "@/server/api/root";
import { uniqueEmail } from "@/test/rest-agent";
import { trpcClient } from "@/test/trpc-client";

function client() {
  const session = { cookie: null as string | null };
  return { trpc: trpcClient(session), cookie: () => session.cookie };
}

describe("tRPC at /api/trpc", () => {
  test("a typed client signs up, gets a session cookie and works with it", async () => {
    const { trpc, cookie } = client();
    const { user } = await trpc.auth.signUp.mutate({ email: uniqueEmail("trpc"), password: "long enough pw", name: "T" });
    expect(cookie()).toMatch(/^tessera_session=/);
    const workspace = await trpc.workspace.create.mutate({ name: "Typed" });
    const base = await trpc.base.create.mutate({ workspaceId: workspace.id, name: "B" });
    // Dates survive the trip as Dates (superjson).
    expect(base.createdAt).toBeInstanceOf(Date);
    expect((await trpc.auth.me.query()).user.id).toBe(user.id);
    expect((await trpc.workspace.list.query()).workspaces).toEqual([{ id: workspace.id, name: "Typed", role: "owner" }]);
  });

  test("errors carry the app's code and HTTP status", async () => {
    const { trpc } = client();
    const error = await trpc.workspace.list.query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
    const bad = await trpc.auth.signUp.mutate({ email: "nope", password: "x", name: "" }).catch((e: unknown) => e);
    expect((bad as TRPCClientError<AppRouter>).data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
    expect(Object.keys((bad as TRPCClientError<AppRouter>).data ?? {})).not.toContain("stack");
  });
});

test("/api/health reports the database reachable", async () => {
  const res = await health();
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});
