import "server-only";
import { json, noContent } from "./http";
import type { Route, RouteArgs } from "./routes";

const route = (method: string, pattern: string, handle: (args: RouteArgs) => Promise<Response>): Route => ({ method, pattern, handle });

const dataParams = ["filter", "sort", "search", "limit", "cursor", "offset", "withTotal", "fieldKey", "groups", "from", "to"];
const present = (query: URLSearchParams, names: string[]) => Object.fromEntries(names.filter((n) => query.has(n)).map((n) => [n, query.get(n)!]));

// Views (shared/API.md, "Views" and "Publishing a view as an API"), mapped onto
// the `view` procedures like the routes beside them.
export const viewRoutes: Route[] = [
  route("GET", "/views", async ({ caller, query }) => json(200, await caller.view.list(present(query, ["tableId"]) as never))),
  route("POST", "/views", async ({ caller, body }) => json(201, await caller.view.create(await body()))),
  route("GET", "/views/{viewId}", async ({ caller, params }) => json(200, await caller.view.get(params))),
  route("PATCH", "/views/{viewId}", async ({ caller, params, body }) => json(200, await caller.view.update({ ...(await body()), ...params }))),
  route("DELETE", "/views/{viewId}", async ({ caller, params }) => {
    await caller.view.delete(params);
    return noContent();
  }),
  route("GET", "/views/{viewId}/data", async ({ caller, params, query }) =>
    json(200, await caller.view.data({ ...present(query, dataParams), ...params })),
  ),
  route("POST", "/views/{viewId}/order", async ({ caller, params, body }) => json(200, await caller.view.moveRow({ ...(await body()), ...params }))),
  // Extension (not in API.md): a form view's questions, as the page shows them.
  route("GET", "/views/{viewId}/form", async ({ caller, params }) => json(200, await caller.view.form(params))),
  route("POST", "/views/{viewId}/submit", async ({ caller, params, query, body }) =>
    json(201, await caller.view.submit({ ...(await body()), ...present(query, ["fieldKey"]), ...params })),
  ),
  route("POST", "/views/{viewId}/api", async ({ caller, params, body, request }) => {
    const published = await caller.view.publish({ ...(await body()), ...params });
    return json(200, { ...published, url: new URL(published.url, request.url).toString() });
  }),
];
