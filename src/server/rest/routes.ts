import "server-only";
import type { createCaller } from "../api/root";
import { nameInput } from "../api/inputs";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { planParams } from "../api/routers/rows";
import { authorizeResource, type Context, toAppError } from "../api/trpc";
import { selectedPlanColumns } from "../query/execute";
import { env } from "../env";
import { exportCsv } from "../services/export/export-csv";
import { importCsvIntoTable, importCsvToNewTable } from "../services/import/import-csv";
import { spoolUpload } from "../services/import/spool-upload";
import { importColumnsInput } from "@/lib/csv/import-columns";
import { importMappingInput } from "@/lib/csv/import-mapping";
import { loadTable } from "../services/tables/table-meta";
import { getFile, uploadFile } from "../services/files/files";
import { fileStore } from "../files/file-store";
import { AppError } from "../errors";
import { json, noContent } from "./http";
import { viewRoutes } from "./view-routes";
import { buildOpenApiDocument } from "./openapi/build-openapi-document";
import { docsAsset, docsPage } from "./openapi/docs-page";

type Caller = ReturnType<typeof createCaller>;

// Untrusted request data, typed loosely on purpose: the procedure's zod input
// validates it, exactly as it does for tRPC clients.
type Untrusted = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export type RouteArgs = {
  caller: Caller;
  /** For endpoints that cannot be JSON procedures (raw CSV bodies, streamed answers). */
  ctx: Context;
  request: Request;
  params: Untrusted;
  query: URLSearchParams;
  body: () => Promise<Untrusted>;
};

export type Route = { method: string; pattern: string; handle: (args: RouteArgs) => Promise<Response> };

const route = (method: string, pattern: string, handle: Route["handle"]): Route => ({ method, pattern, handle });

// REST v1 (shared/API.md) as a thin mapping onto the tRPC procedures: the same
// validation, permissions and services serve both, so the two cannot drift.
// Path parameters override anything of the same name in the body.
// Every route also has an entry in openapi/operations.ts (its OpenAPI description); the OpenAPI test names any missing.
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

  route("POST", "/tables/import", async ({ ctx, request, query }) => {
    const input = { baseId: query.get("baseId") ?? undefined, name: query.get("name")?.trim() || "Imported table" };
    const { workspaceId, auditActor } = await authorizeResource(ctx, "table.alter", input);
    const name = nameInput.safeParse(input.name);
    if (!name.success) throw new AppError("BAD_REQUEST", `Invalid input: name: ${name.error.issues[0]?.message ?? "invalid"}`);
    const columns = jsonParam(query.get("columns"), importColumnsInput);
    const result = await withSpooledUpload(request, (file) =>
      importCsvToNewTable(ctx.db, { workspaceId, baseId: input.baseId!, name: name.data, file, actor: auditActor, columns }),
    );
    return json(201, result);
  }),
  route("POST", "/tables/{tableId}/import", async ({ ctx, request, params, query }) => {
    const { auditActor, reader } = await authorizeResource(ctx, "row.write", params);
    const columns = jsonParam(query.get("columns"), importMappingInput);
    return json(
      200,
      await withSpooledUpload(request, (file) => importCsvIntoTable(ctx.db, { tableId: params.tableId, file, actor: auditActor, reader, columns })),
    );
  }),
  // Takes the rows list's filter, sort, search and fields, so a grid exports as shown.
  route("GET", "/tables/{tableId}/export", async ({ ctx, params, query }) => {
    const { reader } = await authorizeResource(ctx, "table.read", params);
    const plan = exportPlan.safeParse(queryObject(query, ["filter", "sort", "search", "fields"]));
    if (!plan.success) throw toAppError(new TRPCError({ code: "BAD_REQUEST", cause: plan.error }));
    const table = await loadTable(ctx.db, params.tableId);
    const filename = `${table.name.replace(/[^\w .-]+/g, "_").slice(0, 80) || "table"}.csv`;
    const request = { table, reader, plan: { tableId: table.id, limit: 1000, ...plan.data } };
    // Resolve the plan now, so a bad field or filter is a 400 rather than a broken download.
    selectedPlanColumns(request);
    return new Response(exportCsv(ctx.db, request), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` },
    });
  }),

  // Attachments: upload the content as the body, then put the returned id in an attachment field.
  route("POST", "/files", async ({ ctx, request, query }) => {
    const input = { workspaceId: query.get("workspaceId") ?? undefined };
    const { workspaceId, auditActor } = await authorizeResource(ctx, "row.write", input);
    const name = (query.get("name") ?? "").trim().slice(0, 255) || "file";
    const file = await uploadFile(ctx.db, {
      workspaceId,
      name,
      type: request.headers.get("content-type"),
      body: request.body,
      maxBytes: env.FILE_MAX_BYTES,
      actor: auditActor,
    });
    return json(201, file);
  }),
  route("GET", "/files/{fileId}", async ({ ctx, params }) => {
    await authorizeResource(ctx, "table.read", params);
    const file = await getFile(ctx.db, params.fileId);
    const content = await fileStore().get(file.storageKey);
    if (!content) throw new AppError("NOT_FOUND", "The file's content is missing");
    // Served as a download unless it is an image, and never sniffed or run as a page.
    const inline = /^image\/(png|jpeg|gif|webp|avif)$/.test(file.type);
    return new Response(content, {
      headers: {
        "content-type": file.type,
        "content-length": String(file.size),
        "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        "x-content-type-options": "nosniff",
        "content-security-policy": "sandbox; default-src 'none'",
        "cache-control": "private, max-age=3600",
      },
    });
  }),

  route("GET", "/tables", async ({ caller, query }) => json(200, await caller.table.list({ baseId: query.get("baseId") as Untrusted }))),
  route("POST", "/tables", async ({ caller, body }) => json(201, await caller.table.create(await body()))),
  route("GET", "/tables/{tableId}", async ({ caller, params }) => json(200, await caller.table.get(params))),
  route("PATCH", "/tables/{tableId}", async ({ caller, params, body }) =>
    json(200, await caller.table.rename({ ...(await body()), ...params })),
  ),
  route("DELETE", "/tables/{tableId}", async ({ caller, params }) => {
    await caller.table.delete(params);
    return noContent();
  }),
  // Extension (not in API.md): field and row rules per role, for admins.
  route("GET", "/tables/{tableId}/rules", async ({ caller, params }) => json(200, await caller.table.rules(params))),
  route("PUT", "/tables/{tableId}/rules", async ({ caller, params, body }) =>
    json(200, await caller.table.setRules({ rules: await body(), ...params })),
  ),
  route("POST", "/tables/{tableId}/fields", async ({ caller, params, body }) =>
    json(201, await caller.table.createField({ ...(await body()), ...params })),
  ),
  route("PATCH", "/tables/{tableId}/fields/{fieldId}", async ({ caller, params, body }) =>
    json(200, await caller.table.updateField({ ...(await body()), ...params })),
  ),
  route("POST", "/tables/{tableId}/fields/{fieldId}/preview-conversion", async ({ caller, params, body }) =>
    json(200, await caller.table.previewFieldConversion({ ...(await body()), ...params })),
  ),
  route("DELETE", "/tables/{tableId}/fields/{fieldId}", async ({ caller, params }) => {
    await caller.table.deleteField(params);
    return noContent();
  }),

  route("GET", "/tables/{tableId}/rows", async ({ caller, params, query }) =>
    json(200, await caller.row.list({ ...queryObject(query, planQueryParams), ...params })),
  ),
  route("POST", "/tables/{tableId}/aggregate", async ({ caller, params, query, body }) =>
    json(200, await caller.row.aggregate({ ...(await body()), ...queryObject(query, ["fieldKey"]), ...params })),
  ),
  // Extension (not in API.md): PostgreSQL's plan for a page of rows, for admins.
  route("GET", "/tables/{tableId}/rows/explain", async ({ caller, params, query }) =>
    json(200, await caller.row.explain({ ...queryObject(query, planQueryParams), ...params })),
  ),
  route("POST", "/tables/{tableId}/rows", async ({ caller, params, query, body }) =>
    json(201, await caller.row.create({ ...(await body()), ...queryObject(query, ["fieldKey"]), ...params })),
  ),
  route("PATCH", "/tables/{tableId}/rows", async ({ caller, params, query, body }) =>
    json(200, await caller.row.update({ ...(await body()), ...queryObject(query, ["fieldKey"]), ...params })),
  ),
  route("DELETE", "/tables/{tableId}/rows", async ({ caller, params, body }) =>
    json(200, await caller.row.delete({ ...(await body()), ...params })),
  ),
  route("GET", "/tables/{tableId}/rows/{rowId}", async ({ caller, params, query }) =>
    json(200, await caller.row.get({ ...queryObject(query, ["fieldKey"]), ...params })),
  ),
  route("PATCH", "/tables/{tableId}/rows/{rowId}", async ({ caller, params, query, body }) => {
    const { fields, expected } = await body();
    const { rows } = await caller.row.update({
      ...queryObject(query, ["fieldKey"]),
      tableId: params.tableId,
      rows: [{ id: params.rowId, fields, expected }],
    });
    return json(200, rows[0]);
  }),
  route("DELETE", "/tables/{tableId}/rows/{rowId}", async ({ caller, params }) => {
    const result = await caller.row.delete({ tableId: params.tableId, ids: [params.rowId] });
    if (result.deleted === 0) throw new AppError("NOT_FOUND", "Row not found");
    return json(200, result);
  }),

  ...viewRoutes,

  route("GET", "/trash", async ({ caller, query }) => json(200, await caller.trash.tables({ workspaceId: query.get("workspaceId") as Untrusted }))),
  route("GET", "/tables/{tableId}/trash", async ({ caller, params }) => json(200, await caller.trash.ofTable(params))),
  route("POST", "/tables/{tableId}/restore", async ({ caller, params }) =>
    json(200, await caller.trash.restoreTable({ trashedTableId: params.tableId })),
  ),
  route("POST", "/tables/{tableId}/rows/restore", async ({ caller, params, body }) =>
    json(200, await caller.trash.restoreRows({ ...(await body()), ...params })),
  ),
  route("POST", "/tables/{tableId}/fields/{fieldId}/restore", async ({ caller, params }) =>
    json(200, await caller.trash.restoreField(params)),
  ),

  route("GET", "/audit", async ({ caller, query }) =>
    json(200, await caller.audit.list(queryObject(query, ["workspaceId", "userId", "action", "resourceType", "resourceId", "from", "to", "limit", "cursor"]))),
  ),
  route("POST", "/audit/{auditEntryId}/revert", async ({ caller, params }) => json(200, await caller.audit.revert(params))),

  // The API's own description (public): generated from the procedures' zod inputs (openapi/operations.ts).
  route("GET", "/connections", async ({ caller, query }) =>
    json(200, await caller.connection.list({ workspaceId: query.get("workspaceId") as Untrusted })),
  ),
  route("POST", "/connections", async ({ caller, body }) => json(201, await caller.connection.create(await body()))),
  route("GET", "/connections/{connectionId}", async ({ caller, params }) => json(200, await caller.connection.get(params))),
  route("PUT", "/connections/{connectionId}", async ({ caller, params, body }) =>
    json(200, await caller.connection.update({ ...(await body()), ...params })),
  ),
  route("DELETE", "/connections/{connectionId}", async ({ caller, params }) => {
    await caller.connection.delete(params);
    return noContent();
  }),
  route("POST", "/connections/{connectionId}/test", async ({ caller, params }) => json(200, await caller.connection.test(params))),
  route("GET", "/connections/{connectionId}/schema", async ({ caller, params, query }) =>
    json(200, await caller.connection.schema({ ...params, refresh: (query.get("refresh") ?? undefined) as Untrusted })),
  ),
  route("POST", "/connections/{connectionId}/schema/refresh", async ({ caller, params }) =>
    json(200, await caller.connection.refreshSchema(params)),
  ),
  route("POST", "/connections/{connectionId}/query", async ({ caller, params, body }) =>
    json(200, await caller.connection.query({ ...(await body()), ...params })),
  ),
  route("POST", "/connections/{connectionId}/tables", async ({ caller, params, body }) =>
    json(201, await caller.connection.addTable({ ...(await body()), ...params })),
  ),

  route("GET", "/openapi.json", async () => json(200, buildOpenApiDocument())),
  route("GET", "/docs", async () => docsPage()),
  route("GET", "/docs/assets/{asset}", async ({ params }) => docsAsset(params.asset)),
];

async function withSpooledUpload<T>(request: Request, run: (file: string) => Promise<T>): Promise<T> {
  const type = request.headers.get("content-type") ?? "";
  if (type && !/^(text\/(csv|plain|tab-separated-values)|application\/(csv|octet-stream))\b/i.test(type)) {
    throw new AppError("BAD_REQUEST", "Send the CSV file as the request body with Content-Type: text/csv");
  }
  const upload = await spoolUpload(request.body, env.IMPORT_MAX_BYTES);
  try {
    return await run(upload.file);
  } finally {
    await upload.remove();
  }
}

const exportPlan = z.object({ filter: planParams.filter, sort: planParams.sort, search: planParams.search, fields: planParams.fields });

/** The query-string parameters of a read through the query plan (JSON ones are parsed by the procedure). */
const planQueryParams = ["filter", "sort", "fields", "search", "joins", "computed", "limit", "cursor", "offset", "withTotal", "fieldKey"];

/** The named query parameters that are present, as an object for a procedure's input. */
function queryObject(query: URLSearchParams, names: string[]): Untrusted {
  return Object.fromEntries(names.filter((n) => query.has(n)).map((n) => [n, query.get(n)!]));
}

/** An import's optional `columns` JSON query parameter, checked before the upload is read. */
function jsonParam<T>(raw: string | null, schema: z.ZodType<T>): T | undefined {
  if (raw === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError("BAD_REQUEST", "Invalid input: columns: not valid JSON");
  }
  const columns = schema.safeParse(parsed);
  if (!columns.success) throw toAppError(new TRPCError({ code: "BAD_REQUEST", cause: columns.error }));
  return columns.data;
}
