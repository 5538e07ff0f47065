import "server-only";
import mysql, { type Pool, type PoolConnection } from "mysql2/promise";
import { AppError } from "../../errors";
import { compileMysqlAggregate, compileMysqlQuery, compileMysqlWrite, type MySql } from "../../query/compile/mysql";
import { applyWrite } from "../apply-write";
import type { ConnectionConfig, Connector, ConnectorLimits } from "../connector";
import { ConnectorError, networkFailure, scrubbed } from "../connector-error";
import { discoverMysql } from "./mysql-discovery";

// Server error numbers (MySQL and MariaDB share them, except the two timeouts).
const accessDenied = 1045;
const badDatabase = 1049;
const secureTransportRequired = 3159;
const mysqlQueryTimeout = 3024;
const mariadbStatementTimeout = 1969;
const unknownVariable = 1193;
const duplicateEntry = 1062;
const badField = 1054;
const noSuchTable = 1146;
// Not null, no default, a foreign key, too long, a wrong value, out of range, a check constraint.
const rejectedValues = new Set([1048, 1364, 1451, 1452, 1406, 1366, 1292, 1264, 3819, 4025]);

function mysqlFailure(config: ConnectionConfig, error: unknown, limits: ConnectorLimits): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const network = networkFailure(config, error);
  if (network) return network;
  const e = error as { errno?: number; code?: string; message?: string };
  const reason = scrubbed(String(e.message ?? error), config);
  if (e.errno === accessDenied) return new ConnectorError("auth", `Wrong user name or password for "${config.user ?? ""}"`);
  if (e.errno === badDatabase) return new ConnectorError("database_missing", `The database "${config.database ?? ""}" does not exist on ${config.host}`);
  if (e.errno === secureTransportRequired) return new ConnectorError("tls_required", "The server accepts only TLS connections: set TLS to require");
  if (e.errno === duplicateEntry) return new ConnectorError("duplicate_key", `A row with this primary key (or unique value) already exists: ${reason}`);
  if (e.errno !== undefined && rejectedValues.has(e.errno)) return new ConnectorError("rejected_value", `The database refused the row: ${reason}`);
  if (e.errno === badField || e.errno === noSuchTable) return new ConnectorError("schema_changed", `The table's schema changed since it was discovered (${reason}): refresh the schema`);
  if (e.errno === mysqlQueryTimeout || e.errno === mariadbStatementTimeout || e.code === "PROTOCOL_SEQUENCE_TIMEOUT") {
    return new ConnectorError("query_timeout", `The query took longer than the ${limits.queryTimeoutMs / 1000} s limit and was cancelled; narrow the filter`);
  }
  if (/does not support secure connection|SSL/i.test(reason) && (config.tls === "require" || config.tls === "verify")) {
    return new ConnectorError("tls_unavailable", "The server does not offer TLS: set TLS to prefer or disable");
  }
  return new ConnectorError("refused", `The database answered: ${reason}`);
}

export function mysqlConnector(config: ConnectionConfig, limits: ConnectorLimits): Connector {
  const pool: Pool = mysql.createPool({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    // mysql2 has no "prefer": TLS is used when required only, the certificate checked when verifying.
    ssl: config.tls === "require" ? { rejectUnauthorized: false } : config.tls === "verify" ? { rejectUnauthorized: true } : undefined,
    connectTimeout: limits.connectTimeoutMs,
    connectionLimit: 4,
    maxIdle: 1,
    idleTimeout: 60_000,
    charset: "utf8mb4",
    timezone: "Z",
    // Dates as the server writes them, big integers and decimals as text: nothing rounded or shifted on the way.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
  });
  const prepared = new WeakSet<object>();

  // Each new session: UTC, read-only (a write opens its own read-write transaction), and the statement time limit,
  // which MySQL calls max_execution_time (ms) and MariaDB max_statement_time (s).
  async function session(): Promise<PoolConnection> {
    const connection = await pool.getConnection();
    const raw = (connection as unknown as { connection: object }).connection;
    if (prepared.has(raw)) return connection;
    try {
      await connection.query("SET time_zone = '+00:00'");
      await connection.query("SET SESSION TRANSACTION READ ONLY");
      try {
        await connection.query("SET SESSION max_execution_time = ?", [limits.queryTimeoutMs]);
      } catch (error) {
        if ((error as { errno?: number }).errno !== unknownVariable) throw error;
        await connection.query("SET SESSION max_statement_time = ?", [limits.queryTimeoutMs / 1000]);
      }
      prepared.add(raw);
      return connection;
    } catch (error) {
      connection.release();
      throw error;
    }
  }

  async function run(statement: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
    let connection: PoolConnection | undefined;
    try {
      connection = await session();
      // The client-side timeout is the backstop should the server ignore its limit.
      const [rows] = await connection.execute({ sql: statement, timeout: limits.queryTimeoutMs + 2000 }, params as never[]);
      return rows as Array<Record<string, unknown>>;
    } catch (error) {
      throw mysqlFailure(config, error, limits);
    } finally {
      connection?.release();
    }
  }

  /** One row write in a read-write transaction on one session: committed whole, or rolled back. */
  async function transact(write: Parameters<Connector["write"]>[0]) {
    let connection: PoolConnection | undefined;
    try {
      connection = await session();
      const c = connection;
      const exec = async (statement: MySql) =>
        (await c.execute({ sql: statement.text, timeout: limits.queryTimeoutMs + 2000 }, statement.params as never[]))[0];
      const statements = compileMysqlWrite(write);
      await c.query("START TRANSACTION READ WRITE");
      try {
        const result = await applyWrite(write, {
          async read(key, lock, within) {
            const compiled = statements.read(key, within);
            const raws = await exec(lock ? { ...compiled.statement, text: `${compiled.statement.text} FOR UPDATE` } : compiled.statement);
            return compiled.page(raws as Array<Record<string, unknown>>).rows[0] ?? null;
          },
          async insert(values) {
            const header = (await exec(statements.insert(values))) as { insertId?: number };
            const key = Object.fromEntries(write.table.primaryKey.map((name) => [name, values[name]]));
            const [generated] = write.table.primaryKey.filter((name) => key[name] === undefined || key[name] === null);
            if (generated === undefined) return key;
            // Only a single-column key can be generated (AUTO_INCREMENT): MySQL has no RETURNING to learn others.
            if (write.table.primaryKey.length > 1 || !header.insertId) throw new AppError("BAD_REQUEST", `Give a value for "${generated}": it is part of the primary key`);
            return { ...key, [generated]: header.insertId };
          },
          update: async (key, values, expected) => ((await exec(statements.update(key, values, expected))) as { affectedRows: number }).affectedRows,
          remove: async (key, expected) => ((await exec(statements.remove(key, expected))) as { affectedRows: number }).affectedRows,
        });
        await c.query("COMMIT");
        return result;
      } catch (error) {
        await c.query("ROLLBACK").catch(() => {});
        throw error;
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw mysqlFailure(config, error, limits);
    } finally {
      connection?.release();
    }
  }

  return {
    test: async () => void (await run("SELECT 1", [])),
    discover: () => discoverMysql(run, config.database),
    query: async (query) => {
      const compiled = compileMysqlQuery(query);
      return compiled.page(await run(compiled.statement.text, compiled.statement.params));
    },
    aggregate: async (query) => {
      const compiled = compileMysqlAggregate(query);
      return compiled.groups(await run(compiled.statement.text, compiled.statement.params));
    },
    write: transact,
    close: () => pool.end(),
  };
}
