import "server-only";
import type { createCaller } from "../api/root";
import { json, noContent } from "./http";

type Caller = ReturnType<typeof createCaller>;

// Untrusted request data, typed loosely on purpose: the procedure's zod input
// validates it, exactly as it does for tRPC clients.
type Untrusted = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export type RouteArgs = {
  caller: Caller;
  params: Untrusted;
  query: URLSearchParams;
  body: () => Promise<Untrusted>;
};

export type Route = { method: string; pattern: string; handle: (args: RouteArgs) => Promise<Response> };

const route = (method: string, pattern: string, handle: Route["handle"]): Route => ({ method, pattern, handle });

// REST v1 (shared/API.md) as a thin mapping onto the tRPC procedures: the same
// validation, permissions and services serve both, so the two cannot drift.
// Path parameters override anything of the same name in the body.
export const routes: Route[] = [
  route("POST", "/auth/signup", async ({ caller, body }) => json(201, await caller.auth.signUp(await body()))),
  route("POST", "/auth/login", async ({ caller, body }) => json(200, await caller.auth.signIn(await body()))),
  route("POST", "/auth/logout", async ({ caller, body }) => {
    await caller.auth.signOut(await body());
    return noContent();
  }),
  route("GET", "/auth/me", async ({ caller }) => json(200, await caller.auth.me())),

  route("GET", "/workspaces", async ({ caller }) => json(200, await caller.workspace.list())),
  route("POST", "/workspaces", async ({ caller, body }) => json(201, await caller.workspace.create(await body()))),
  route("GET", "/workspaces/{workspaceId}", async ({ caller, params }) => json(200, await caller.workspace.get(params))),
  route("PATCH", "/workspaces/{workspaceId}", async ({ caller, params, body }) =>
    json(200, await caller.workspace.rename({ ...(await body()), ...params })),
  ),
  route("DELETE", "/workspaces/{workspaceId}", async ({ caller, params }) => {
    await caller.workspace.delete(params);
    return noContent();
  }),

  route("GET", "/workspaces/{workspaceId}/members", async ({ caller, params }) =>
    json(200, await caller.member.list(params)),
  ),
  route("POST", "/workspaces/{workspaceId}/members", async ({ caller, params, body }) =>
    json(201, await caller.member.add({ ...(await body()), ...params })),
  ),
  route("PATCH", "/workspaces/{workspaceId}/members/{userId}", async ({ caller, params, body }) =>
    json(200, await caller.member.updateRole({ ...(await body()), ...params })),
  ),
  route("DELETE", "/workspaces/{workspaceId}/members/{userId}", async ({ caller, params }) => {
    await caller.member.remove(params);
    return noContent();
  }),

  route("GET", "/workspaces/{workspaceId}/tokens", async ({ caller, params }) => json(200, await caller.token.list(params))),
  route("POST", "/workspaces/{workspaceId}/tokens", async ({ caller, params, body }) =>
    json(201, await caller.token.create({ ...(await body()), ...params })),
  ),
  route("DELETE", "/workspaces/{workspaceId}/tokens/{tokenId}", async ({ caller, params }) => {
    await caller.token.revoke(params);
    return noContent();
  }),

  route("GET", "/bases", async ({ caller, query }) =>
    json(200, await caller.base.list({ workspaceId: query.get("workspaceId") as Untrusted })),
  ),
  route("POST", "/bases", async ({ caller, body }) => json(201, await caller.base.create((await body())))),
  route("GET", "/bases/{baseId}", async ({ caller, params }) => json(200, await caller.base.get(params))),
  route("PATCH", "/bases/{baseId}", async ({ caller, params, body }) =>
    json(200, await caller.base.rename({ ...(await body()), ...params })),
  ),
  route("DELETE", "/bases/{baseId}", async ({ caller, params }) => {
    await caller.base.delete(params);
    return noContent();
  }),
];

