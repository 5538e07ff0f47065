import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { handleRestRequest } from "@/server/rest/handle-rest-request";

export type Benchmark<S = any> = {
  name: string;
  iterations: number;
  setUp: () => Promise<S>;
  run: (state: S, iteration: number) => Promise<unknown>;
};

/** The q-quantile of ascending `sorted`, by nearest rank. */
export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
export const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

export async function call(
  method: string,
  url: string,
  opts: { body?: unknown; cookie?: string; bearer?: string; csv?: ReadableStream<Uint8Array> } = {},
) {
  const headers = new Headers({
    "content-type": opts.csv ? "text/csv" : "application/json",
    "x-forwarded-for": `192.0.2.${Math.floor(Math.random() * 250)}`,
  });
  if (opts.cookie) headers.set("cookie", opts.cookie);
  if (opts.bearer) headers.set("authorization", `Bearer ${opts.bearer}`);
  const body = opts.csv ?? (opts.body ? JSON.stringify(opts.body) : undefined);
  const init: RequestInit & { duplex?: "half" } = { method, headers, body, duplex: "half" };
  const res = await handleRestRequest(new Request(`http://bench.local/api/v1${url}`, init));
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res;
}

export const benchPassword = "benchmark password";

async function signedUp() {
  const email = `bench-${randomUUID()}@example.test`;
  const res = await call("POST", "/auth/signup", { body: { email, password: benchPassword, name: "Bench" } });
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const ws = (await (await call("POST", "/workspaces", { body: { name: "Bench" }, cookie })).json()) as { id: string };
  const token = (await (await call("POST", `/workspaces/${ws.id}/tokens`, { body: { name: "bench" }, cookie })).json()) as {
    token: string;
  };
  return { email, cookie, workspaceId: ws.id, token: token.token };
}

// The foundation's hot paths: every request authenticates (session or token)
// and checks a role; sign-in pays for argon2 on purpose.
export const latencies: Benchmark[] = [
  {
    name: "GET /workspaces with a session cookie",
    iterations: 300,
    setUp: signedUp,
    run: (s) => call("GET", "/workspaces", { cookie: s.cookie }),
  },
  {
    name: "GET /bases with an API token (role check)",
    iterations: 300,
    setUp: signedUp,
    run: (s) => call("GET", `/bases?workspaceId=${s.workspaceId}`, { bearer: s.token }),
  },
  {
    name: "POST /workspaces (metadata + schema DDL + audit, one transaction)",
    iterations: 40,
    setUp: signedUp,
    run: (s) => call("POST", "/workspaces", { body: { name: "W" }, cookie: s.cookie }),
  },
  {
    name: "POST /auth/login (argon2id verify)",
    iterations: 20,
    setUp: signedUp,
    run: (s) => call("POST", "/auth/login", { body: { email: s.email, password: benchPassword } }),
  },
];

/** A benchmark measured as a rate: each round reports how many units it did; the table shows units per second. */
export type Throughput<S = any> = {
  name: string;
  unit: string;
  setUp: () => Promise<S>;
  run: (state: S) => Promise<number>;
};

export async function withBase() {
  const s = await signedUp();
  const base = (await (await call("POST", "/bases", { body: { workspaceId: s.workspaceId, name: "Bench" }, cookie: s.cookie })).json()) as {
    id: string;
  };
  return { ...s, baseId: base.id };
}

const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);

/** A CSV of `rows` rows and 10 columns of mixed types, written to a temporary file once. */
export async function csvFile(rows: number): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "tessera-bench-")), "rows.csv");
  const out = createWriteStream(file);
  out.write("Name,Qty,Price,Active,Due,Email,Status,Note,Score,Code\n");
  const statuses = ["open", "closed", "waiting"];
  for (let i = 0; i < rows; i++) {
    const line = `Row ${i},${i % 1000},${(i % 10000) / 100},${i % 2 ? "true" : "false"},2026-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")},user${i}@example.com,${statuses[i % 3]},"note, ${i}",${i % 97},C${i}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  out.end();
  await finished(out);
  return file;
}

export const throughputs: Throughput[] = [
  {
    name: `CSV import into a new table (${importRows.toLocaleString("en")} rows × 10 columns, types inferred)`,
    unit: "rows/s",
    setUp: async () => ({ ...(await withBase()), file: await csvFile(importRows) }),
    async run(s) {
      const csv = Readable.toWeb(createReadStream(s.file)) as ReadableStream<Uint8Array>;
      const res = await call("POST", `/tables/import?baseId=${s.baseId}&name=Bench`, { csv, cookie: s.cookie });
      const { imported } = (await res.json()) as { imported: number };
      if (imported !== importRows) throw new Error(`imported ${imported} of ${importRows}`);
      return imported;
    },
  },
  {
    name: "Bulk create through the API (1000 rows a request, 20 requests)",
    unit: "rows/s",
    async setUp() {
      const s = await withBase();
      const fields = [
        { name: "Name", type: "text" },
        { name: "Qty", type: "number" },
        { name: "Price", type: "currency" },
        { name: "Active", type: "boolean" },
        { name: "Due", type: "date" },
      ];
      const table = (await (await call("POST", "/tables", { body: { baseId: s.baseId, name: "Bulk", fields }, cookie: s.cookie })).json()) as {
        id: string;
      };
      const rows = Array.from({ length: 1000 }, (_, i) => ({
        fields: { Name: `Row ${i}`, Qty: i, Price: i / 4, Active: i % 2 === 0, Due: "2026-05-06" },
      }));
      return { ...s, tableId: table.id, rows };
    },
    async run(s) {
      for (let i = 0; i < 20; i++) await call("POST", `/tables/${s.tableId}/rows`, { body: { rows: s.rows }, cookie: s.cookie });
      return 20_000;
    },
  },
];

/** PATCH one cell at a time, compare-and-set; `groupedBy` saves a view grouping by N first, so the table keeps counts per N. */
function cellUpdateBenchmark(name: string, groupedBy: boolean): Benchmark {
  return {
    name,
    iterations: 200,
    async setUp() {
      const s = await withBase();
      const table = (await (
        await call("POST", "/tables", { body: { baseId: s.baseId, name: "Cells", fields: [{ name: "Name", type: "text" }, { name: "N", type: "number" }] }, cookie: s.cookie })
      ).json()) as { id: string };
      const rows = Array.from({ length: 1000 }, (_, i) => ({ fields: { Name: `r${i}`, N: 0 } }));
      const created = (await (await call("POST", `/tables/${table.id}/rows`, { body: { rows }, cookie: s.cookie })).json()) as {
        rows: Array<{ id: string }>;
      };
      if (groupedBy) await call("POST", "/views", { body: { tableId: table.id, name: "By N", type: "grid", groupBy: ["N"] }, cookie: s.cookie });
      return { ...s, tableId: table.id, ids: created.rows.map((r) => r.id), values: new Map<string, number>() };
    },
    async run(s, i) {
      const id = s.ids[i % s.ids.length];
      const previous = s.values.get(id) ?? 0;
      await call("PATCH", `/tables/${s.tableId}/rows/${id}`, { body: { fields: { N: previous + 1 }, expected: { N: previous } }, cookie: s.cookie });
      s.values.set(id, previous + 1);
    },
  };
}

export const cellUpdates: Benchmark[] = [
  cellUpdateBenchmark("PATCH one cell of a row (with expected: compare-and-set)", false),
  cellUpdateBenchmark("PATCH one cell of a row whose field a view groups by (counts kept)", true),
];
