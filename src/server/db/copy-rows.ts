import "server-only";
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { Db } from "./index";
import { pgArrayLiteral } from "./array-param";
import { env } from "../env";

/**
 * Where rows go in bulk. `write` buffers one row's column values and says
 * whether the buffer is full (then await `flush`); `close` finishes. Writing
 * is synchronous so a million rows do not cost a million awaits.
 */
export interface RowSink {
  write(values: unknown[]): boolean;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * COPY into `table` (an already quoted, id-derived name) within the caller's
 * transaction, so the rows commit or vanish with it. PostgreSQL: one
 * streaming COPY FROM STDIN on the transaction's own connection. PGlite:
 * COPY from an in-memory blob per chunk of rows, so memory stays bounded.
 * On PostgreSQL the transaction's connection runs nothing else until `close`:
 * make every other query of the transaction before opening the sink.
 */
export async function openRowSink(tx: Db, quotedTable: string, quotedColumns: string[]): Promise<RowSink> {
  const statement = `copy ${quotedTable} (${quotedColumns.join(", ")}) from stdin with (format csv)`;
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  return env.DATABASE_URL ? postgresSink(client as PostgresTx, statement) : pgliteSink(client as PgliteTx, statement);
}

type PostgresTx = { unsafe(query: string): { writable(): Promise<Writable> } };
type PgliteTx = { query(query: string, params: unknown[], options: { blob: Blob }): Promise<unknown> };

const chunkBytes = 256 * 1024;

async function postgresSink(client: PostgresTx, statement: string): Promise<RowSink> {
  const stream = await client.unsafe(statement).writable();
  let failure: unknown;
  stream.on("error", (error) => (failure = error));
  let buffer = "";
  const flush = async () => {
    if (failure) throw failure;
    if (buffer === "") return;
    const ok = stream.write(buffer);
    buffer = "";
    if (!ok) await Promise.race([once(stream, "drain"), once(stream, "error")]);
  };
  return {
    write(values) {
      buffer += csvLine(values);
      return buffer.length >= chunkBytes;
    },
    flush,
    async close() {
      await flush();
      stream.end();
      await Promise.race([once(stream, "finish"), once(stream, "close")]);
      if (failure) throw failure;
    },
  };
}

function pgliteSink(client: PgliteTx, statement: string): RowSink {
  let lines: string[] = [];
  let size = 0;
  const flush = async () => {
    if (lines.length === 0) return;
    const blob = new Blob(lines);
    lines = [];
    size = 0;
    await client.query(`${statement.replace("from stdin", "from '/dev/blob'")}`, [], { blob });
  };
  return {
    write(values) {
      const line = csvLine(values);
      lines.push(line);
      size += line.length;
      return size >= 16 * chunkBytes;
    },
    flush,
    close: flush,
  };
}

/**
 * One row in COPY's CSV format: NULL is an unquoted empty field, every other
 * value is quoted (so an empty string stays an empty string).
 */
export function csvLine(values: unknown[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ",";
    const v = values[i];
    if (v === null || v === undefined) continue;
    const text = Array.isArray(v) ? pgArrayLiteral(v as string[]) : typeof v === "boolean" ? (v ? "t" : "f") : String(v);
    line += text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`;
  }
  return `${line}\n`;
}
