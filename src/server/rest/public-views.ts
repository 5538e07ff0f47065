import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { filterInput, sortInput } from "@/lib/query/plan";
import { jsonParam } from "../api/inputs";
import { toAppError } from "../api/trpc";
import { requestInfo } from "../auth/request-info";
import { publishedCache } from "../cache/published-cache";
import { rateLimit } from "../cache/rate-limit";
import { tableGeneration } from "../cache/table-generation";
import { getDb } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { formDefinition, submitForm } from "../services/views/form-view";
import { openPublishedView, publicReader } from "../services/views/open-published-view";
import { readViewData } from "../services/views/view-data";
import { errorResponse, json, readJsonBody } from "./http";

/**
 * The anonymous endpoints of published views and public forms (outside
 * /api/v1: no session, no token, CORS-open). Each answer passes the rate
 * limit per slug and client address first, then the view's key when it has
 * one; view data is cached by slug, query and table generation, with an ETag.
 */

export type PublicOptions = { rateLimit?: { limit: number; windowMs: number } };

const cors = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, if-none-match",
  "access-control-expose-headers": "etag, retry-after",
};

/** The query string of GET /public/views/{slug}/data (also what its OpenAPI entry describes). */
export const publicDataQuery = z
  .object({
    filter: jsonParam(filterInput).optional(),
    sort: jsonParam(sortInput).optional(),
    search: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(65_536).optional(),
    fieldKey: z.enum(["name", "id"]).optional(),
    groups: z.enum(["1", "true", "0", "false"]).optional(),
    from: z.string().max(10).optional(),
    to: z.string().max(10).optional(),
  })
  .strict();

function parseQuery(url: URL) {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key in raw) throw new AppError("BAD_REQUEST", `Query parameter ${key} is given twice`);
    raw[key] = value;
  }
  const parsed = publicDataQuery.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new AppError("BAD_REQUEST", `Invalid input: ${where}${issue?.message ?? "invalid"}`);
  }
  // The cache key: the parameters that shape the answer, in a fixed order.
  const normalized = Object.keys(raw)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(raw[k]!)}`)
    .join("&");
  return { params: parsed.data, normalized };
}

const bearerOf = (request: Request) => request.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;

async function limitRate(request: Request, scope: string, options: PublicOptions) {
  const client = requestInfo(request.headers, request.method).ip;
  const opts = options.rateLimit ?? { limit: env.PUBLIC_API_RATE_LIMIT, windowMs: 60_000 };
  const verdict = await rateLimit(`public:${scope}:${client === "unknown" ? "local" : client}`, opts);
  if (!verdict.ok) {
    throw new AppError("TOO_MANY_REQUESTS", `Too many requests; try again in ${verdict.retryAfterSeconds} s`, {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
}

function withCors(response: Response): Response {
  for (const [k, v] of Object.entries(cors)) response.headers.set(k, v);
  return response;
}

async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return withCors(await run());
  } catch (error) {
    return withCors(errorResponse(toAppError(error)));
  }
}

const etagOf = (body: string) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

/** If-None-Match holds this ETag (a list, weak or not, or `*`). */
function notModified(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

/** GET /public/views/{slug}/data */
export function publishedViewData(request: Request, slug: string, options: PublicOptions = {}): Promise<Response> {
  return answer(async () => {
    await limitRate(request, `view:${slug}`, options);
    const db = await getDb();
    const { view, share, table } = await openPublishedView(db, { slug, as: "data", bearer: bearerOf(request) });
    const { params, normalized } = parseQuery(new URL(request.url));
    // Read before the rows: a write landing in between files this answer under the old generation, never the new.
    const generation = await tableGeneration(table.id);
    const key = `view:${share.slug}:${view.id}:${new Date(view.updatedAt).getTime()}:${generation}:${normalized}`;
    const cache = publishedCache();
    // A mounted table changes in its own database without Tessera hearing of it: its answers are
    // never cached (the ETag still spares unchanged transfers).
    let cached = table.external ? undefined : await cache.get(key);
    if (!cached) {
      const data = await readViewData(db, view, table, publicReader, { ...params, groups: params.groups === "1" || params.groups === "true" });
      const body = JSON.stringify(data);
      cached = { etag: etagOf(body), body };
      if (!table.external) await cache.set(key, cached);
    }
    const headers = {
      etag: cached.etag,
      "cache-control": "no-cache",
      ...(share.auth === "api_key" && { vary: "authorization" }),
    };
    if (notModified(request, cached.etag)) return new Response(null, { status: 304, headers });
    return new Response(cached.body, { status: 200, headers: { ...headers, "content-type": "application/json" } });
  });
}

/**
 * The questions of the public form page at /public/forms/{slug}, or null when
 * no such form is published for anyone to open (unknown, disabled, or behind
 * an API key a browser does not send).
 */
export async function publicFormForPage(slug: string) {
  const db = await getDb();
  try {
    const { view, table } = await openPublishedView(db, { slug, as: "form", bearer: null });
    return formDefinition(view, table, publicReader);
  } catch (error) {
    const code = toAppError(error).code;
    if (code === "NOT_FOUND" || code === "UNAUTHORIZED") return null;
    throw error;
  }
}

/** GET /public/forms/{slug}/submission: the form's questions (the page people open is /public/forms/{slug}). */
export function publicFormDefinition(request: Request, slug: string, options: PublicOptions = {}): Promise<Response> {
  return answer(async () => {
    await limitRate(request, `form:${slug}`, options);
    const db = await getDb();
    const { view, table } = await openPublishedView(db, { slug, as: "form", bearer: bearerOf(request) });
    return json(200, formDefinition(view, table, publicReader));
  });
}

/** POST /public/forms/{slug}/submission `{ fields }`: a row, created by nobody. */
export function submitPublicForm(request: Request, slug: string, options: PublicOptions = {}): Promise<Response> {
  return answer(async () => {
    await limitRate(request, `form:${slug}`, options);
    const db = await getDb();
    const { view, table } = await openPublishedView(db, { slug, as: "form", bearer: bearerOf(request) });
    const body = await readJsonBody(request);
    const fields = typeof body === "object" && body !== null ? (body as { fields?: unknown }).fields : undefined;
    if (fields === undefined) throw new AppError("BAD_REQUEST", 'Send the answers as { "fields": { ... } }');
    const result = await submitForm(db, { view, table, reader: publicReader, actor: { userId: null, tokenId: null }, fields });
    return json(201, result);
  });
}

/** CORS preflight of the public endpoints. */
export function publicPreflight(): Response {
  return withCors(new Response(null, { status: 204, headers: { "access-control-allow-methods": "GET, POST, OPTIONS", "access-control-max-age": "600" } }));
}
