import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { publishedViewData } from "@/server/rest/public-views";
import { call, type Throughput, withBase } from "./benchmarks";

// Published view API throughput with a cached answer (issue 4): autocannon
// against the same handler Next's route (src/app/public/views/[slug]/data)
// calls, served by node:http in this process — Next's own router is not in
// the figure, and autocannon shares this process's event loop, which makes
// the figure conservative. BENCH_PUBLIC_URL measures a running server instead
// (e.g. `next start`): a full published-view URL.

type State = { url: string; server?: Server };

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  return new Request(`http://bench.local${req.url}`, { method: req.method, headers });
}

async function servePublishedViews(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const slug = /^\/public\/views\/([^/]+)\/data/.exec(req.url ?? "")?.[1] ?? "";
    const response = await publishedViewData(toRequest(req), decodeURIComponent(slug));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

export const publishedViewThroughput: Throughput<State> = {
  name: "Published view API, cached answer (autocannon, 10 connections, 10 s)",
  unit: "requests/s",
  async setUp() {
    if (process.env.BENCH_PUBLIC_URL) return { url: process.env.BENCH_PUBLIC_URL };
    const s = await withBase();
    const fields = [
      { name: "Name", type: "text" },
      { name: "Qty", type: "number" },
      { name: "Status", type: "single_select", options: { choices: [{ name: "open" }, { name: "closed" }] } },
    ];
    const table = (await (await call("POST", "/tables", { body: { baseId: s.baseId, name: "Published", fields }, cookie: s.cookie })).json()) as {
      id: string;
    };
    const rows = Array.from({ length: 500 }, (_, i) => ({ fields: { Name: `Row ${i}`, Qty: i, Status: i % 2 ? "open" : "closed" } }));
    await call("POST", `/tables/${table.id}/rows`, { body: { rows }, cookie: s.cookie });
    const view = (await (
      await call("POST", "/views", {
        body: { tableId: table.id, name: "Open", type: "grid", filter: { field: "Status", op: "eq", value: "open" }, sort: [{ field: "Qty", dir: "desc" }] },
        cookie: s.cookie,
      })
    ).json()) as { id: string };
    const published = (await (await call("POST", `/views/${view.id}/api`, { body: { enabled: true, auth: "public" }, cookie: s.cookie })).json()) as {
      slug: string;
    };
    const server = await servePublishedViews();
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/public/views/${published.slug}/data?limit=100`, server };
  },
  async run(s) {
    const result = await autocannon({ url: s.url, connections: 10, duration: 10 });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
    return result.requests.total;
  },
};
