import "server-only";
import { type ConnectionKind, defaultPorts, type TlsMode } from "@/lib/connections/connection-kinds";
import { AppError } from "../errors";
import type { ConnectionConfig } from "./connector";

const schemes: Record<ConnectionKind, string[]> = {
  postgres: ["postgres:", "postgresql:"],
  mysql: ["mysql:", "mariadb:"],
  mongodb: ["mongodb:", "mongodb+srv:"],
};


// Messages never repeat the URL: it may hold the password.
const badUrl = (why: string) => new AppError("BAD_REQUEST", `Invalid connection URL: ${why}`, { field: "url" });

function tlsFrom(params: URLSearchParams): TlsMode | undefined {
  const sslmode = params.get("sslmode");
  if (sslmode !== null) {
    if (sslmode === "disable") return "disable";
    if (sslmode === "prefer" || sslmode === "allow") return "prefer";
    if (sslmode === "require") return "require";
    if (sslmode === "verify-ca" || sslmode === "verify-full") return "verify";
    throw badUrl("sslmode must be disable, prefer, require, verify-ca or verify-full");
  }
  const flag = params.get("tls") ?? params.get("ssl");
  if (flag === null) return undefined;
  // Drivers check the certificate when told tls=true, unless told not to.
  const insecure = params.get("tlsInsecure") === "true" || params.get("tlsAllowInvalidCertificates") === "true";
  if (flag === "true" || flag === "1") return insecure ? "require" : "verify";
  if (flag === "false" || flag === "0") return "disable";
  throw badUrl("tls must be true or false");
}

const tlsKeys = new Set(["sslmode", "tls", "ssl", "tlsInsecure", "tlsAllowInvalidCertificates"]);

/** A connection URL to the configuration it stands for; the kind must match its scheme. */
export function parseConnectionUrl(kind: ConnectionKind, text: string): ConnectionConfig {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badUrl(`expected ${schemes[kind][0]}//user:password@host:port/database`);
  }
  if (!schemes[kind].includes(url.protocol)) throw badUrl(`a ${kind} connection's URL starts with ${schemes[kind].map((scheme) => `${scheme}//`).join(" or ")}`);
  if (!url.hostname) throw badUrl("it names no host");
  if (url.hostname.includes(",")) throw badUrl("several hosts are not supported; give one");
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw badUrl("malformed percent-encoding");
    }
  };
  const database = decode(url.pathname.replace(/^\//, ""));
  if (kind !== "mongodb" && database.includes("/")) throw badUrl("the path names one database");
  const options: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (tlsKeys.has(key)) continue;
    if (kind !== "mongodb") throw badUrl(`the option "${key.slice(0, 50)}" is not supported`);
    options[key] = value;
  }
  const srv = url.protocol === "mongodb+srv:";
  return {
    kind,
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : srv ? undefined : defaultPorts[kind],
    user: url.username ? decode(url.username) : undefined,
    password: url.password ? decode(url.password) : undefined,
    database: database || undefined,
    tls: tlsFrom(url.searchParams) ?? "prefer",
    ...(kind === "mongodb" ? { srv, options } : {}),
  };
}

export type ConnectionFields = {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  tls?: TlsMode;
};

/**
 * The configuration from a create or update request: a URL, or fields. On
 * update, what the request leaves out is kept from `current` (a rename does
 * not need the password again).
 */
export function configFromInput(kind: ConnectionKind, input: ConnectionFields & { url?: string }, current?: ConnectionConfig): ConnectionConfig {
  if (input.url !== undefined) {
    const parsed = parseConnectionUrl(kind, input.url);
    return { ...parsed, ...(input.tls ? { tls: input.tls } : {}) };
  }
  const base: Partial<ConnectionConfig> = current ?? {};
  const host = input.host ?? base.host;
  if (!host) throw new AppError("BAD_REQUEST", "Give the connection's url, or its host", { field: "host" });
  return {
    kind,
    host,
    port: input.port ?? base.port ?? (base.srv ? undefined : defaultPorts[kind]),
    user: input.user ?? base.user,
    password: input.password ?? base.password,
    database: input.database ?? base.database,
    tls: input.tls ?? base.tls ?? "prefer",
    ...(kind === "mongodb" ? { srv: base.srv ?? false, options: base.options ?? {} } : {}),
  };
}
