import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import postgres from "postgres";

/**
 * Throwaway databases on the machine's real PostgreSQL and MariaDB
 * (ENVIRONMENT.md), for the external-connection tests. They run when
 * TEST_EXTERNAL_PG_URL / TEST_MYSQL_URL are set (.ci/run sets both), are
 * skipped with a message otherwise, and fail when set but unreachable.
 */

export const externalPgUrl = process.env.TEST_EXTERNAL_PG_URL || undefined;
export const mysqlUrl = process.env.TEST_MYSQL_URL || undefined;

export function skipNotice(variable: string, what: string): void {
  console.warn(`Skipped: ${what} (set ${variable} to run it)`);
}

const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;

export type ExternalPg = { name: string; url: string; sql: postgres.Sql; drop: () => Promise<void> };

/** A new PostgreSQL database with the C collation (text sorts by code point, as the oracle does). */
export async function createExternalPg(adminUrl: string): Promise<ExternalPg> {
  const name = uniqueName("tessera_ext");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  return {
    name,
    url: url.toString(),
    sql,
    drop: async () => {
      await sql.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export type ExternalMysql = { name: string; url: string; run: (statement: string, params?: unknown[]) => Promise<unknown>; drop: () => Promise<void> };

export async function createExternalMysql(adminUrl: string): Promise<ExternalMysql> {
  const name = uniqueName("tessera_ext");
  const admin = await mysql.createConnection({ uri: adminUrl, multipleStatements: false, charset: "utf8mb4", timezone: "Z" });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
  await admin.query(`USE \`${name}\``);
  await admin.query("SET time_zone = '+00:00'");
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    run: async (statement, params = []) => (await admin.query(statement, params))[0],
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

/** A deterministic pseudo-random sequence, so every database gets the same "random" data. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
