import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { Permission } from "@/lib/permissions";
import type { Role } from "@/lib/roles";
import { type Actor, actorUserId, resolveActor } from "../auth/actor";
import { type RequestInfo, requestInfo } from "../auth/request-info";
import type { CookieSpec } from "../auth/session";
import type { AuditActor } from "../audit/record-audit";
import type { Reader } from "../authz/table-policy";
import { authorize, resolveWorkspaceId } from "../authz/workspace-access";
import { type Db, getDb } from "../db";
import { sqlState } from "../db/sql-state";
import { AppError, type ErrorCode, errorStatus } from "../errors";

export type Context = {
  db: Db;
  actor: Actor;
  request: RequestInfo;
  /** Cookies the procedure wants set; each transport writes them its own way. */
  responseCookies: CookieSpec[];
};

export async function createContext(opts: { headers: Headers; method: string; url?: string }): Promise<Context> {
  const db = await getDb();
  return {
    db,
    actor: await resolveActor(db, opts.headers),
    request: requestInfo(opts.headers, opts.method, opts.url),
    responseCookies: [],
  };
}

const trpcCodes = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  METHOD_NOT_ALLOWED: "METHOD_NOT_SUPPORTED",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNPROCESSABLE_CONTENT: "UNPROCESSABLE_CONTENT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  BAD_GATEWAY: "BAD_GATEWAY",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
} as const satisfies Record<ErrorCode, TRPCError["code"]>;

/**
 * The one place any thrown error becomes an AppError: services' own errors
 * pass through, invalid input becomes BAD_REQUEST with the issues, and
 * anything unexpected becomes a bare 500 whose message reveals nothing.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof TRPCError) {
    if (error.cause instanceof AppError) return error.cause;
    const issues = (error.cause as { issues?: Array<{ path: PropertyKey[]; message: string }> } | undefined)?.issues;
    if (issues) {
      const first = issues[0];
      const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
      return new AppError("BAD_REQUEST", `Invalid input: ${where}${first?.message ?? "invalid"}`, {
        issues: issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      });
    }
    const code = (Object.keys(trpcCodes) as ErrorCode[]).find((k) => trpcCodes[k] === error.code);
    if (code && code !== "INTERNAL_SERVER_ERROR") return new AppError(code, error.message);
  }
  // PostgreSQL's data exceptions (class 22: a value out of range, a formula
  // overflowing float8, a date beyond the calendar) come from the data or the
  // request, not from a fault of ours: the caller gets a 400 naming no value.
  const state = sqlState(error) ?? "";
  if (/^22/.test(state)) {
    return new AppError("BAD_REQUEST", "A value is out of range or malformed for this operation (a formula may overflow, or a date leave the calendar)");
  }
  // Program limits (class 54: a value too large for an index, too many arguments) are hit by what was sent.
  if (/^54/.test(state)) return new AppError("BAD_REQUEST", "The request is too large for the database to answer: narrow it");
  // Two writers crossed (deadlock, serialization): nothing was written; the same request may simply be sent again.
  if (state === "40P01" || state === "40001") return new AppError("CONFLICT", "The change crossed another one and was not saved; try again");
  console.error("unexpected error:", describeForLog(error));
  return new AppError("INTERNAL_SERVER_ERROR", "Something went wrong on our side");
}

// Drizzle's query errors carry the bound parameters (password hashes, emails,
// token hashes): log the statement and the database's reason, never the values.
function describeForLog(error: unknown): string {
  const e = error as { query?: string; cause?: { message?: string }; message?: string; stack?: string } | undefined;
  // The statement is cut short: a plan's SQL can run to hundreds of kilobytes.
  if (e && typeof e.query === "string") return `query failed: ${e.query.slice(0, 2000)}${e.query.length > 2000 ? " …" : ""} (${e.cause?.message ?? "no reason"})`;
  if (e && typeof e.cause === "object" && e.cause) return describeForLog(e.cause);
  return e?.stack ?? e?.message ?? String(error);
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const appError = toAppError(error);
    return {
      ...shape,
      message: appError.message,
      data: { code: appError.code, httpStatus: errorStatus[appError.code], details: appError.details },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && !(result.error.cause instanceof TRPCError)) {
    const appError = toAppError(result.error);
    throw new TRPCError({ code: trpcCodes[appError.code], message: appError.message, cause: appError });
  }
  return result;
});

// Cookie-authenticated mutations must come from our own origin (CSRF). Tokens
// in an Authorization header are never sent by a browser on its own.
function assertSameOrigin(ctx: Context, mutation: boolean) {
  if (mutation && ctx.request.crossOrigin && ctx.actor.kind !== "token") {
    throw new AppError("FORBIDDEN", "Cross-origin request refused");
  }
}

const sameOrigin = t.middleware(({ ctx, type, next }) => {
  assertSameOrigin(ctx, type === "mutation");
  return next();
});

export const publicProcedure = t.procedure.use(appErrors).use(sameOrigin);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind === "anonymous") throw new AppError("UNAUTHORIZED", "Sign in or send an API token");
  const auditActor: AuditActor = {
    userId: actorUserId(ctx.actor),
    tokenId: ctx.actor.kind === "token" ? ctx.actor.token.id : null,
  };
  return next({ ctx: { actor: ctx.actor, auditActor } });
});

/** For what only a person may do (create a workspace); API tokens act inside their one workspace. */
export const userProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== "user") throw new AppError("FORBIDDEN", "API tokens cannot do this; sign in as a user");
  return next({ ctx: { actor: ctx.actor, auditActor: { userId: ctx.actor.user.id, tokenId: null } } });
});

/**
 * A procedure on a workspace's resource: the workspace is looked up from the
 * most specific resource id in the input, and the caller's role there must
 * grant `permission`.
 */
export function workspaceProcedure(permission: Permission) {
  return authedProcedure.use(async ({ ctx, getRawInput, next }) => {
    return next({ ctx: await authorizeResource(ctx, permission, await getRawInput()) });
  });
}

/**
 * The permission step of workspaceProcedure, for the few REST endpoints that
 * take a raw body rather than JSON (CSV import): the same checks, no drift.
 */
export async function authorizeResource(ctx: Context, permission: Permission, input: unknown) {
  if (ctx.actor.kind === "anonymous") throw new AppError("UNAUTHORIZED", "Sign in or send an API token");
  assertSameOrigin(ctx, ctx.request.method !== "GET");
  const workspaceId = await resolveWorkspaceId(ctx.db, input);
  const role: Role = await authorize(ctx.db, ctx.actor, workspaceId, permission);
  const auditActor = { userId: actorUserId(ctx.actor)!, tokenId: ctx.actor.kind === "token" ? ctx.actor.token.id : null };
  // Who the table policy (field and row rules) is applied for.
  const reader: Reader = { role, userId: auditActor.userId };
  return { workspaceId, role, auditActor, reader };
}
