import "server-only";
import { env } from "../env";
import type { ConnectionConfig, Connector, ConnectorLimits } from "./connector";
import { openConnector } from "./open-connector";

/**
 * One connector (and so one pool of database sessions) per connection and
 * process, reused across requests; closed when the connection is deleted or
 * changed, and when it has not been used for CONNECTION_IDLE_SECONDS.
 */
type Entry = { connector: Connector; version: string; lastUsed: number; inUse: number };

const globalForPools = globalThis as unknown as { tesseraConnectors?: Map<string, Entry>; tesseraConnectorSweep?: NodeJS.Timeout };

const entries = (globalForPools.tesseraConnectors ??= new Map());

export const connectorLimits = (): ConnectorLimits => ({
  queryTimeoutMs: env.CONNECTION_QUERY_TIMEOUT_MS,
  connectTimeoutMs: env.CONNECTION_CONNECT_TIMEOUT_MS,
});

function startSweeping() {
  if (globalForPools.tesseraConnectorSweep) return;
  const sweep = setInterval(() => void closeIdleConnectors(Date.now() - env.CONNECTION_IDLE_SECONDS * 1000), 30_000);
  sweep.unref();
  globalForPools.tesseraConnectorSweep = sweep;
}

/**
 * Runs `work` with the connection's connector, opening it on first use.
 * `version` (the connection's last update) retires a connector whose
 * configuration has changed.
 */
export async function withConnector<T>(connection: { id: string; version: string }, config: () => ConnectionConfig, work: (connector: Connector) => Promise<T>): Promise<T> {
  let entry = entries.get(connection.id);
  if (entry && entry.version !== connection.version) {
    await closeConnector(connection.id);
    entry = undefined;
  }
  if (!entry) {
    entry = { connector: openConnector(config(), connectorLimits()), version: connection.version, lastUsed: Date.now(), inUse: 0 };
    entries.set(connection.id, entry);
    startSweeping();
  }
  entry.inUse += 1;
  try {
    return await work(entry.connector);
  } finally {
    entry.inUse -= 1;
    entry.lastUsed = Date.now();
  }
}

export async function closeConnector(connectionId: string): Promise<void> {
  const entry = entries.get(connectionId);
  if (!entry) return;
  entries.delete(connectionId);
  await entry.connector.close().catch(() => {});
}

/** Closes connectors unused since `before` (epoch ms); returns how many. */
export async function closeIdleConnectors(before: number): Promise<number> {
  const idle = [...entries.entries()].filter(([, e]) => e.inUse === 0 && e.lastUsed < before).map(([id]) => id);
  await Promise.all(idle.map(closeConnector));
  return idle.length;
}

export const openConnectorCount = () => entries.size;
