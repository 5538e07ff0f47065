import { randomUUID } from "node:crypto";
import { handleRestRequest } from "@/server/rest/handle-rest-request";

export type Benchmark<S = any> = {
  name: string;
  iterations: number;
  setUp: () => Promise<S>;
  run: (state: S, iteration: number) => Promise<unknown>;
};

async function call(method: string, path: string, opts: { body?: unknown; cookie?: string; bearer?: string } = {}) {
  const headers = new Headers({ "content-type": "application/json", "x-forwarded-for": `192.0.2.${Math.floor(Math.random() * 250)}` });
  if (opts.cookie) headers.set("cookie", opts.cookie);
  if (opts.bearer) headers.set("authorization", `Bearer ${opts.bearer}`);
  const res = await handleRestRequest(
    new Request(`http://bench.local/api/v1${path}`, { method, headers, body: opts.body ? JSON.stringify(opts.body) : undefined }),
  );
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function signedUp() {
  const email = `bench-${randomUUID()}@example.test`;
  const res = await call("POST", "/auth/signup", { body: { email, password: "benchmark password", name: "Bench" } });
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const ws = (await (await call("POST", "/workspaces", { body: { name: "Bench" }, cookie })).json()) as { id: string };
  const token = (await (await call("POST", `/workspaces/${ws.id}/tokens`, { body: { name: "bench" }, cookie })).json()) as {
    token: string;
  };
  return { email, cookie, workspaceId: ws.id, token: token.token };
}

// The foundation's hot paths: every request authenticates (session or token)
// and checks a role; sign-in pays for argon2 on purpose.
export const benchmarks: Benchmark[] = [
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
    run: (s) => call("POST", "/auth/login", { body: { email: s.email, password: "benchmark password" } }),
  },
];
