import { randomUUID } from "node:crypto";
import { handleRestRequest } from "@/server/rest/handle-rest-request";

export type RestResult = { status: number; body: any; headers: Headers };

/**
 * A client of the REST API that keeps its session cookie, like a browser or
 * a script would. Requests go through the same handler Next.js serves.
 */
export class RestAgent {
  cookie: string | null = null;
  bearer: string | null = null;

  constructor(
    readonly ip = "198.51.100.1",
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RestResult> {
    const h = new Headers({ ...this.extraHeaders, ...headers, "x-forwarded-for": this.ip, host: "tessera.test" });
    if (this.cookie) h.set("cookie", this.cookie);
    if (this.bearer) h.set("authorization", `Bearer ${this.bearer}`);
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === "string" ? body : JSON.stringify(body);
      h.set("content-type", "application/json");
    }
    const response = await handleRestRequest(
      new Request(`http://tessera.test/api/v1${path}`, { method, headers: h, body: payload }),
    );
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) {
      const value = setCookie.split(";")[0]!;
      this.cookie = value.endsWith("=") ? null : value;
    }
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  /** Sends a raw body (a CSV file, or a stream that may break off midway). */
  async upload(path: string, body: string | ReadableStream<Uint8Array>, contentType = "text/csv"): Promise<RestResult> {
    const h = new Headers({ ...this.extraHeaders, "x-forwarded-for": this.ip, host: "tessera.test", "content-type": contentType });
    if (this.cookie) h.set("cookie", this.cookie);
    if (this.bearer) h.set("authorization", `Bearer ${this.bearer}`);
    const init: RequestInit & { duplex?: "half" } = { method: "POST", headers: h, body, duplex: "half" };
    const response = await handleRestRequest(new Request(`http://tessera.test/api/v1${path}`, init));
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  /** A GET answered with text (a CSV export). */
  async getText(path: string): Promise<{ status: number; text: string; headers: Headers }> {
    const h = new Headers({ "x-forwarded-for": this.ip, host: "tessera.test" });
    if (this.cookie) h.set("cookie", this.cookie);
    if (this.bearer) h.set("authorization", `Bearer ${this.bearer}`);
    const response = await handleRestRequest(new Request(`http://tessera.test/api/v1${path}`, { headers: h }));
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  get = (path: string) => this.request("GET", path);
  post = (path: string, body?: unknown) => this.request("POST", path, body);
  patch = (path: string, body?: unknown) => this.request("PATCH", path, body);
  put = (path: string, body?: unknown) => this.request("PUT", path, body);
  delete = (path: string, body?: unknown) => this.request("DELETE", path, body);
}

export const uniqueEmail = (label = "user") => `${label}-${randomUUID()}@example.test`;

export const testPassword = "correct horse battery";

/** Signs a new user up and returns an agent holding their session. */
export async function signedUpAgent(label = "user"): Promise<RestAgent & { user: { id: string; email: string; name: string } }> {
  const agent = new RestAgent();
  const email = uniqueEmail(label);
  const res = await agent.post("/auth/signup", { email, password: testPassword, name: label });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return Object.assign(agent, { user: res.body.user });
}

/** Every error answer must have the contract's shape and no stack trace. */
export function expectErrorShape(res: RestResult, status: number): void {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  const error = res.body?.error;
  if (typeof error?.code !== "string" || typeof error?.message !== "string") {
    throw new Error(`not the error shape: ${JSON.stringify(res.body)}`);
  }
  if (/\bat .+:\d+:\d+/.test(JSON.stringify(res.body))) throw new Error(`stack trace in answer: ${JSON.stringify(res.body)}`);
}
