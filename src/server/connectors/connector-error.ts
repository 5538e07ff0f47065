import "server-only";
import type { ConnectionConfig } from "./connector";

/** Why talking to an external database failed, in terms a person can act on. */
export type ConnectorFailure =
  | "unreachable"
  | "connect_timeout"
  | "auth"
  | "database_missing"
  | "tls_required"
  | "tls_unavailable"
  | "query_timeout"
  /** A write the database refused for the row's own sake: a duplicate key, a constraint, a value its column cannot hold. */
  | "duplicate_key"
  | "rejected_value"
  /** The statement names a column or table the database no longer has: the discovered schema is out of date. */
  | "schema_changed"
  | "refused";

/** What adapters throw: a message fit to show (no password, checked by `scrubbed`). */
export class ConnectorError extends Error {
  constructor(
    readonly reason: ConnectorFailure,
    message: string,
  ) {
    super(message);
    this.name = "ConnectorError";
  }
}

/**
 * A driver's message with the password taken out, however it was spelled:
 * drivers sometimes echo their connection string. Applied to every message
 * that leaves an adapter, so no answer, log line or stored status holds it.
 */
export function scrubbed(message: string, config: ConnectionConfig): string {
  const password = config.password;
  if (!password) return message;
  let text = message;
  for (const form of new Set([password, encodeURIComponent(password)])) text = text.split(form).join("***");
  return text;
}

const networkCodes: Record<string, string> = {
  ECONNREFUSED: "nothing is listening there (connection refused)",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name does not resolve",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  ECONNRESET: "the connection was reset",
  ETIMEDOUT: "it did not answer in time",
  CONNECT_TIMEOUT: "it did not answer in time",
};

/** Socket-level failures, which every driver reports with Node's error codes. */
export function networkFailure(config: ConnectionConfig, error: unknown): ConnectorError | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== "string" || !(code in networkCodes)) return undefined;
  const where = `${config.host}${config.port ? `:${config.port}` : ""}`;
  const reason = code === "ETIMEDOUT" || code === "CONNECT_TIMEOUT" ? "connect_timeout" : "unreachable";
  return new ConnectorError(reason, `Cannot reach the database server at ${where}: ${networkCodes[code]}`);
}
