import "server-only";
import { env } from "../env";

export type RequestInfo = {
  method: string;
  ip: string;
  /** Whether cookies should be marked Secure (the request came over https). */
  secure: boolean;
  /** True when a browser says this request comes from another site. */
  crossOrigin: boolean;
};

export function requestInfo(headers: Headers, method: string, url?: string): RequestInfo {
  const forwardedProto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const secure = forwardedProto ? forwardedProto === "https" : url?.startsWith("https:") === true;
  const ip = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim() || "unknown";
  return { method: method.toUpperCase(), ip, secure, crossOrigin: isCrossOrigin(headers) };
}

// Browsers always send Origin on cross-site POST/PUT/PATCH/DELETE (and
// Sec-Fetch-Site), so a mismatch there is a forged request. Clients that are
// not browsers send neither and cannot carry a victim's cookie anyway.
function isCrossOrigin(headers: Headers): boolean {
  if (headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (host && originHost === host) return false;
  const allowed = env.TESSERA_ALLOWED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean);
  return !allowed.includes(origin);
}
