import { compileErrors, validate } from "@readme/openapi-parser";
import { beforeAll, describe, expect, test } from "vitest";
import { RestAgent, type RestResult, signedUpAgent } from "@/test/rest-agent";
import { handleRestRequest } from "../handle-rest-request";
import { publishedViewData } from "../public-views";
import { routes } from "../routes";
import { buildOpenApiDocument, patternParams, restBasePath, splitOperationKey } from "./build-openapi-document";
import { externalOperations, type OperationSpec, operations } from "./operations";

const routeKeys = routes.map((r) => `${r.method} ${r.pattern}`);
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

describe("the operations registry", () => {
  test("describes every route of routes.ts", () => {
    const missing = routeKeys.filter((key) => !Object.hasOwn(operations, key));
    expect(missing, `routes without an OpenAPI operation: add them to src/server/rest/openapi/operations.ts: ${missing.join(", ")}`).toEqual([]);
  });

  test("names the procedure each handler calls (whose zod input is then the documented one)", () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.pattern}`;
      const spec = operations[key];
      if (!spec) continue;
      const called = [...new Set([...route.handle.toString().matchAll(/\bcaller\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`))];
      const named = spec.procedure ? [spec.procedure] : [];
      if (called.join() !== named.join()) wrong.push(`${key} calls ${called.join(", ") || "no procedure"} but its operation names ${named.join() || "none"}`);
    }
    expect(wrong).toEqual([]);
  });

  test("describes no route that does not exist", () => {
    const stale = Object.keys(operations).filter((key) => !routeKeys.includes(key));
    expect(stale, `operations without a route in routes.ts (remove or rename them): ${stale.join(", ")}`).toEqual([]);
  });
});

describe("the document", () => {
  // Built inside each test, so that a broken registry entry fails tests with its message rather than the whole file.
  const document = () => buildOpenApiDocument();

  test("is a valid OpenAPI 3.1 document", async () => {
    expect(document().openapi).toBe("3.1.0");
    expect(document().info.title).toBe("Tessera REST API");
    expect(document().servers).toEqual([{ url: "/api/v1" }]);
    const result = await validate(structuredClone(document()) as never);
    expect(result.valid ? "valid" : compileErrors(result)).toBe("valid");
  });

  test("has one operation per registry entry, each path's parameters being its pattern's", () => {
    const entries = [...Object.entries(operations), ...Object.entries(externalOperations)];
    let count = 0;
    for (const [path, item] of Object.entries(document().paths)) {
      for (const method of methods.filter((m) => m in item)) {
        count++;
        const op = item[method] as { parameters?: Array<{ name: string; in: string; required?: boolean }>; operationId: string };
        const pathParams = (op.parameters ?? []).filter((p) => p.in === "path");
        expect(pathParams.map((p) => p.name).sort(), `${method.toUpperCase()} ${path}`).toEqual(patternParams(path).sort());
        expect(pathParams.every((p) => p.required)).toBe(true);
        expect(op.operationId, `${method.toUpperCase()} ${path} has no operationId`).toBeTruthy();
      }
    }
    expect(count).toBe(entries.length);
  });

  test("takes request schemas from the procedures' zod inputs", () => {
    const rows = document().paths["/tables/{tableId}/rows"]!;
    const list = rows.get as { parameters: Array<{ name: string; in: string; content?: Record<string, { schema: unknown }> }> };
    // JSON query parameters (jsonParam) are described as JSON content, the recursive filter as a shared component.
    const filter = list.parameters.find((p) => p.name === "filter")!;
    expect(filter).toMatchObject({ in: "query", content: { "application/json": { schema: { $ref: "#/components/schemas/Filter" } } } });
    expect(list.parameters.find((p) => p.name === "limit")).toMatchObject({ schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } });
    const create = rows.post as { requestBody: { content: { "application/json": { schema: { required: string[]; properties: Record<string, unknown> } } } } };
    const body = create.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(["rows"]);
    expect(Object.keys(body.properties)).toEqual(["rows"]);
    const signup = (document().paths["/auth/signup"]!.post as { requestBody: { content: { "application/json": { schema: { properties: { password: object } } } } } })
      .requestBody.content["application/json"].schema;
    expect(signup.properties.password).toMatchObject({ minLength: 8 });
    // z.coerce.date() in a query string is an ISO date-time.
    const audit = document().paths["/audit"]!.get as { parameters: Array<{ name: string; schema?: object }> };
    expect(audit.parameters.find((p) => p.name === "from")?.schema).toMatchObject({ type: "string", format: "date-time" });
  });

  test("marks public endpoints and describes the published views outside /api/v1", () => {
    const security = (path: string, method: string) => (document().paths[path]![method] as { security?: unknown }).security;
    expect(security("/auth/signup", "post")).toEqual([]);
    expect(security("/auth/login", "post")).toEqual([]);
    expect(security("/openapi.json", "get")).toEqual([]);
    expect(security("/docs", "get")).toEqual([]);
    expect(security("/tables/{tableId}/rows", "get")).toBeUndefined(); // the document's default: token or session
    expect(document().security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    const published = document().paths["/public/views/{slug}/data"]!;
    expect(published.servers).toEqual([{ url: "/" }]);
    expect(Object.keys((published.get as { responses: object }).responses).sort()).toEqual(["200", "304", "400", "401", "404", "429"]);
    expect(document().components.responses.TooManyRequests).toMatchObject({ headers: { "Retry-After": {} } });
  });
});

describe("served", () => {
  test("GET /api/v1/openapi.json answers the document, signed out", async () => {
    const res = await new RestAgent().get("/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toContain("/tables/{tableId}/rows");
  });

  test("GET /api/v1/docs is a page whose scripts and styles are served here, with a strict CSP", async () => {
    const page = await get("/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)|https?:/);
    const html = await page.text();
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/); // no inline script for the CSP to refuse
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => u.startsWith(`${restBasePath}/docs/`));
    expect(urls.length).toBeGreaterThanOrEqual(3);
    const types = new Set<string>();
    for (const url of urls) {
      const asset = await get(url.slice(restBasePath.length));
      expect(asset.status, url).toBe(200);
      expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
      const type = asset.headers.get("content-type") ?? "";
      expect(type, url).toMatch(url.endsWith(".js") ? /^text\/javascript/ : /^text\/css/);
      types.add(type.split(";")[0]!);
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(50);
    }
    expect([...types].sort()).toEqual(["text/css", "text/javascript"]);
    expect((await get("/docs/assets/package.json")).status).toBe(404);
    expect((await get("/docs/assets/..%2Fpackage.json")).status).toBe(404);
  });
});

/**
 * Real answers parsed with the documented response schemas: the document
 * says what the services actually answer.
 */
describe("answers match the documented response schemas", () => {
  let agent: Awaited<ReturnType<typeof signedUpAgent>>;
  beforeAll(async () => {
    agent = await signedUpAgent("openapi");
  });

  const ops = Object.entries(operations).map(([key, spec]) => {
    const { method, path } = splitOperationKey(key);
    const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return { method, path, pattern, spec };
  });

  /** The most specific operation for a request (literal segments beat parameters, as in routes.ts order). */
  function operationFor(method: string, url: string): OperationSpec {
    const path = url.split("?")[0]!;
    const found = ops.find((o) => o.method === method && o.pattern.test(path) && routeKeys.indexOf(`${o.method} ${o.path}`) === firstRouteFor(method, path));
    if (!found) throw new Error(`no operation for ${method} ${url}`);
    return found.spec;
  }
  const firstRouteFor = (method: string, path: string) =>
    routes.findIndex((r) => r.method === method && new RegExp(`^${r.pattern.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path));

  async function call(method: string, url: string, body?: unknown): Promise<RestResult> {
    const res = await agent.request(method, url, body);
    const spec = operationFor(method, url);
    expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBe(spec.success.status);
    if (spec.success.schema) {
      const parsed = spec.success.schema.safeParse(res.body);
      expect(parsed.success ? "matches" : parsed.error.message, `${method} ${url} answered ${JSON.stringify(res.body).slice(0, 500)}`).toBe("matches");
    }
    return res;
  }

  test("for a tour of the API", async () => {
    await call("GET", "/auth/me");
    const ws = (await call("POST", "/workspaces", { name: "Docs" })).body;
    await call("GET", "/workspaces");
    await call("GET", `/workspaces/${ws.id}`);
    await call("PATCH", `/workspaces/${ws.id}`, { name: "Docs 2" });
    await call("GET", `/workspaces/${ws.id}/members`);
    const other = await signedUpAgent("openapi-member");
    await call("POST", `/workspaces/${ws.id}/members`, { email: other.user.email, role: "viewer" });
    await call("PATCH", `/workspaces/${ws.id}/members/${other.user.id}`, { role: "editor" });
    const token = (await call("POST", `/workspaces/${ws.id}/tokens`, { name: "ci" })).body;
    await call("GET", `/workspaces/${ws.id}/tokens`);
    await call("DELETE", `/workspaces/${ws.id}/tokens/${token.id}`);

    const base = (await call("POST", "/bases", { workspaceId: ws.id, name: "CRM" })).body;
    await call("GET", `/bases?workspaceId=${ws.id}`);
    await call("GET", `/bases/${base.id}`);
    const table = (
      await call("POST", "/tables", {
        baseId: base.id,
        name: "Deals",
        fields: [
          { name: "Name", type: "text" },
          { name: "Amount", type: "number", options: { precision: 2 } },
          { name: "Stage", type: "single_select", options: { choices: [{ name: "Lead" }, { name: "Won" }] } },
        ],
      })
    ).body;
    await call("GET", `/tables?baseId=${base.id}`);
    await call("GET", `/tables/${table.id}`);
    await call("PATCH", `/tables/${table.id}`, { name: "Deals 2" });
    const note = (await call("POST", `/tables/${table.id}/fields`, { name: "Note", type: "text" })).body;
    await call("PATCH", `/tables/${table.id}/fields/${note.id}`, { name: "Notes" });
    await call("POST", `/tables/${table.id}/fields/${note.id}/preview-conversion`, { type: "number" });
    await call("GET", `/tables/${table.id}/rules`);

    const created = (
      await call("POST", `/tables/${table.id}/rows`, {
        rows: [{ fields: { Name: "Acme", Amount: 10, Stage: "Lead" } }, { fields: { Name: "Globex", Amount: 5, Stage: "Won" } }],
      })
    ).body;
    const [first, second] = created.rows;
    await call("GET", `/tables/${table.id}/rows?limit=1&withTotal=true&sort=${encodeURIComponent('[{"field":"Name"}]')}`);
    await call("GET", `/tables/${table.id}/rows/${first.id}`);
    await call("PATCH", `/tables/${table.id}/rows/${first.id}`, { fields: { Amount: 12 } });
    await call("PATCH", `/tables/${table.id}/rows`, { rows: [{ id: second.id, fields: { Amount: 6 } }] });
    await call("POST", `/tables/${table.id}/aggregate`, { groupBy: ["Stage"], aggregates: [{ fn: "sum", field: "Amount", as: "total" }] });
    await call("DELETE", `/tables/${table.id}/rows/${second.id}`);
    await call("GET", `/tables/${table.id}/trash`);
    await call("POST", `/tables/${table.id}/rows/restore`, { ids: [second.id] });
    await call("DELETE", `/tables/${table.id}/rows`, { ids: [second.id] });
    await call("DELETE", `/tables/${table.id}/fields/${note.id}`);
    await call("POST", `/tables/${table.id}/fields/${note.id}/restore`);

    const views = (await call("GET", `/views?tableId=${table.id}`)).body.views;
    const kanban = (await call("POST", "/views", { tableId: table.id, name: "Board", type: "kanban", config: { stackFieldId: "Stage" } })).body;
    await call("GET", `/views/${kanban.id}`);
    await call("PATCH", `/views/${kanban.id}`, { name: "Pipeline" });
    await call("GET", `/views/${kanban.id}/data?groups=1`);
    await call("GET", `/views/${views[0].id}/data?limit=10`);
    const published = (await call("POST", `/views/${kanban.id}/api`, { enabled: true, auth: "public" })).body;
    const publicRes = await publishedViewData(new Request(`http://tessera.test/public/views/${published.slug}/data?limit=5`), published.slug);
    expect(publicRes.status).toBe(200);
    const publicSpec = externalOperations["GET /public/views/{slug}/data"]!;
    expect(publicSpec.success.schema!.safeParse(await publicRes.json()).success).toBe(true);
    await call("DELETE", `/views/${kanban.id}`);

    const entries = (await call("GET", `/audit?workspaceId=${ws.id}&limit=5`)).body.entries;
    const rename = entries.find((e: { action: string }) => e.action === "row.update") ?? entries[0];
    await call("POST", `/audit/${rename.id}/revert`);

    // Raw bodies and answers, described by hand: the JSON answers still parse with their schemas.
    const rawChecks: Array<[string, RestResult]> = [
      ["POST /tables/import", await agent.upload(`/tables/import?baseId=${base.id}&name=Imported`, "Name,Qty\nA,1\nB,2\n")],
      ["POST /tables/{tableId}/import", await agent.upload(`/tables/${table.id}/import`, "Name,Amount\nInitech,3\n")],
      ["POST /files", await agent.upload(`/files?workspaceId=${ws.id}&name=a.txt`, "hello", "text/plain")],
    ];
    for (const [key, res] of rawChecks) {
      const spec = operations[key]!;
      expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(spec.success.status);
      const parsed = spec.success.schema!.safeParse(res.body);
      expect(parsed.success ? "matches" : parsed.error.message, key).toBe("matches");
    }
    const csv = await agent.getText(`/tables/${table.id}/export`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);

    await call("DELETE", `/tables/${table.id}`);
    await call("GET", `/trash?workspaceId=${ws.id}`);
    await call("POST", `/tables/${table.id}/restore`);
    await call("DELETE", `/bases/${base.id}`);
    await call("DELETE", `/workspaces/${ws.id}/members/${other.user.id}`);
    await call("DELETE", `/workspaces/${ws.id}`);
  });

  test("for the health endpoints outside /api/v1", async () => {
    for (const [key, route] of [
      ["GET /api/health", await import("@/app/api/health/route")],
      ["GET /api/health/detailed", await import("@/app/api/health/detailed/route")],
    ] as const) {
      const res = await route.GET();
      expect(res.status).toBe(200);
      const parsed = externalOperations[key]!.success.schema!.safeParse(await res.json());
      expect(parsed.success ? "matches" : parsed.error.message, key).toBe("matches");
    }
  });
});

function get(path: string): Promise<Response> {
  return handleRestRequest(new Request(`http://tessera.test${restBasePath}${path}`, { headers: { "x-forwarded-for": "198.51.100.9" } }));
}
