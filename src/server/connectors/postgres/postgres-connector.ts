import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { sqlState } from "../../db/sql-state";
import { AppError } from "../../errors";
import { compilePostgresAggregate, compilePostgresQuery, compilePostgresWrite } from "../../query/compile/postgres-external";
import { applyWrite } from "../apply-write";
import type { TlsMode } from "@/lib/connections/connection-kinds";
import type { ConnectionConfig, Connector, ConnectorLimits } from "../connector";
import { ConnectorError, networkFailure, scrubbed } from "../connector-error";
import { discoverPostgres, type ExternalPgDb } from "./postgres-discovery";

/** The database's own reason: drizzle wraps it with the statement and its bound values, which stay out. */
function reasonOf(error: unknown): string {
  const e = error as { cause?: { message?: unknown }; message?: unknown };
  return String((e.cause && typeof e.cause.message === "string" ? e.cause.message : e.message) ?? error);
}

function postgresFailure(config: ConnectionConfig, error: unknown, limits: ConnectorLimits): ConnectorError {
  if (error instanceof ConnectorError) return error;
  // postgres.js starts the TLS handshake even when the server declined it: the server then drops the socket.
  if ((config.tls === "require" || config.tls === "verify") && /before secure TLS connection was established/i.test(reasonOf(error))) {
    return new ConnectorError("tls_unavailable", "The server does not offer TLS: set TLS to prefer or disable");
  }
  const network = networkFailure(config, error) ?? networkFailure(config, (error as { cause?: unknown })?.cause);
  if (network) return network;
  const state = sqlState(error);
  const reason = scrubbed(reasonOf(error), config);
  const database = config.database ?? config.user ?? "postgres";
  if (state === "28P01") return new ConnectorError("auth", `Wrong user name or password for "${config.user ?? ""}"`);
  if (state === "3D000") return new ConnectorError("database_missing", `The database "${database}" does not exist on ${config.host}`);
  if (state === "23505") return new ConnectorError("duplicate_key", `A row with this primary key (or unique value) already exists: ${reason}`);
  // Class 23 (integrity constraints) and 22 (data exceptions): the row's values, not the database, are at fault.
  if (state?.startsWith("23") || state?.startsWith("22")) return new ConnectorError("rejected_value", `The database refused the row: ${reason}`);
  // Undefined column or table: the statement was compiled from a discovery the database has moved past.
  if (state === "42703" || state === "42P01") return new ConnectorError("schema_changed", `The table's schema changed since it was discovered (${reason}): refresh the schema`);
  if (state === "57014") {
    return new ConnectorError("query_timeout", `The query took longer than the ${limits.queryTimeoutMs / 1000} s limit and was cancelled; narrow the filter`);
  }
  // pg_hba refusals name the missing encryption when only TLS connections are accepted.
  if (state === "28000" && /no encryption|SSL off/i.test(reason)) {
    return new ConnectorError("tls_required", "The server accepts only TLS connections: set TLS to require");
  }
  if (/does not support SSL/i.test(reason)) return new ConnectorError("tls_unavailable", "The server does not offer TLS: set TLS to prefer or disable");
  if (state === "28000") return new ConnectorError("auth", `The server refused this user: ${reason}`);
  return new ConnectorError("refused", `The database answered: ${reason}`);
}

/** postgres.js's sslmode for each TLS mode ("require" encrypts without checking the certificate, as libpq's does). */
const postgresTls = { disable: false, prefer: "prefer", require: "require", verify: "verify-full" } as const satisfies Record<TlsMode, unknown>;

export function postgresConnector(config: ConnectionConfig, limits: ConnectorLimits): Connector {
  const client = postgres({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    ssl: postgresTls[config.tls],
    max: 4,
    // Idle sockets close on their own; the pool registry closes the whole client when unused.
    idle_timeout: 60,
    connect_timeout: Math.max(1, Math.ceil(limits.connectTimeoutMs / 1000)),
    // Sessions are read-only unless a write opens a read-write transaction; instants are read and compared in UTC.
    connection: {
      application_name: "tessera",
      statement_timeout: limits.queryTimeoutMs,
      TimeZone: "UTC",
      default_transaction_read_only: true,
    },
    onnotice: () => {},
  });
  const db = drizzle(client) as unknown as ExternalPgDb;
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      // A write compiles inside its transaction: a bad request stays the caller's 400.
      if (error instanceof AppError) throw error;
      throw postgresFailure(config, error, limits);
    }
  };
  return {
    test: () => guarded(async () => void (await db.execute(sql`select 1`))),
    discover: () => guarded(() => discoverPostgres(db)),
    query: async (query) => {
      // Compiled first: a bad filter is the caller's 400, not a database failure.
      const compiled = compilePostgresQuery(query);
      return compiled.page(await guarded(async () => (await db.execute(compiled.query)) as unknown as Array<Record<string, unknown>>));
    },
    aggregate: async (query) => {
      const compiled = compilePostgresAggregate(query);
      return compiled.groups(await guarded(async () => (await db.execute(compiled.query)) as unknown as Array<Record<string, unknown>>));
    },
    write: (write) =>
      guarded(() =>
        db.transaction(
          async (tx) => {
            const statements = compilePostgresWrite(write);
            const affected = async (statement: SQL) => Number((await tx.execute(statement) as unknown as { count: number }).count);
            return applyWrite(write, {
              async read(key, lock, within) {
                const compiled = statements.read(key, within);
                const raws = await tx.execute(lock ? sql`${compiled.query} for update` : compiled.query);
                return compiled.page(raws as unknown as Array<Record<string, unknown>>).rows[0] ?? null;
              },
              async insert(values) {
                const insert = statements.insert(values);
                const [raw] = (await tx.execute(insert.statement)) as unknown as Array<Record<string, unknown>>;
                return insert.key(raw!);
              },
              update: (key, values, expected) => affected(statements.update(key, values, expected)),
              remove: (key, expected) => affected(statements.remove(key, expected)),
            });
          },
          { accessMode: "read write" },
        ),
      ),
    close: () => client.end({ timeout: 5 }),
  };
}
