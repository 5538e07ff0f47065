import "server-only";
import { createCaller } from "../api/root";
import { createContext, toAppError } from "../api/trpc";
import { AppError } from "../errors";
import { bodyObject, errorResponse, readJsonBody, withCookies } from "./http";
import { type Route, routes } from "./routes";

const prefix = "/api/v1";

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith("{")) {
      if (g === "") return null;
      params[w.slice(1, -1)] = decodeURIComponent(g);
    } else if (w !== g) return null;
  }
  return params;
}

function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } {
  let pathMatched = false;
  for (const route of routes) {
    const params = match(route.pattern, path);
    if (!params) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  if (pathMatched) throw new AppError("METHOD_NOT_ALLOWED", `${method} is not supported on ${prefix}${path}`);
  throw new AppError("NOT_FOUND", `No endpoint ${method} ${prefix}${path}`);
}

/** Serves every /api/v1 request: authenticate, route, call the procedure, shape the answer. */
export async function handleRestRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length).replace(/\/$/, "") : url.pathname;
  let cookies: Awaited<ReturnType<typeof createContext>>["responseCookies"] = [];
  try {
    const { route, params } = findRoute(request.method, path);
    const ctx = await createContext({ headers: request.headers, method: request.method, url: request.url });
    cookies = ctx.responseCookies;
    const response = await route.handle({
      caller: createCaller(ctx),
      ctx,
      request,
      params,
      query: url.searchParams,
      body: async () => bodyObject(await readJsonBody(request)),
    });
    return withCookies(response, cookies);
  } catch (error) {
    return withCookies(errorResponse(toAppError(error)), cookies);
  }
}
