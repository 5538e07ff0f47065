import "server-only";
import { serializeCookie, type CookieSpec } from "../auth/session";
import { AppError, errorStatus } from "../errors";

export function json(status: number, body: unknown): Response {
  return Response.json(body, { status });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** The contract's error shape: `{ error: { code, message, details? } }`, with Retry-After on 429. */
export function errorResponse(error: AppError): Response {
  const headers = new Headers();
  const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (error.code === "TOO_MANY_REQUESTS" && retryAfter) headers.set("Retry-After", String(retryAfter));
  const body = { error: { code: error.code, message: error.message, ...(error.details !== undefined && { details: error.details }) } };
  return Response.json(body, { status: errorStatus[error.code], headers });
}

export function withCookies(response: Response, cookies: CookieSpec[]): Response {
  for (const cookie of cookies) response.headers.append("Set-Cookie", serializeCookie(cookie));
  return response;
}

const maxJsonBytes = 1024 * 1024;

/** The request's JSON body (undefined when empty), refusing bodies over 1 MiB before reading them whole. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxJsonBytes) throw tooLarge();
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxJsonBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON");
  }
}

const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", "The request body is larger than 1 MiB");

/** A JSON body that must be an object (or absent), to merge path parameters into. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("BAD_REQUEST", "The request body must be a JSON object");
  }
  return body as Record<string, unknown>;
}
