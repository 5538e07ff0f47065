import "server-only";
import type { Db } from "../../db";
import type { AuditActor } from "../../audit/record-audit";
import { ConnectorError } from "../../connectors/connector-error";
import { closeConnector, connectorLimits } from "../../connectors/connector-pool";
import { AppError } from "../../errors";
import { loadConnection, useConnection } from "./connection-record";

export type ConnectionTestResult = { ok: true; latencyMs: number } | { ok: false; error: string; reason: string };

/**
 * Connects and runs a trivial statement, within the connect and query
 * limits however the driver behaves (a server that accepts the socket and
 * never answers is cut off too). A failure is an answer, not an error.
 */
export async function testConnection(db: Db, params: { connectionId: string; actor: AuditActor }): Promise<ConnectionTestResult> {
  const connection = await loadConnection(db, params.connectionId);
  const limits = connectorLimits();
  const started = performance.now();
  try {
    await useConnection(db, { connection, actor: params.actor, use: { operation: "test" } }, (connector) => {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new ConnectorError("connect_timeout", `The database server at ${connection.host} did not answer within ${(limits.connectTimeoutMs + limits.queryTimeoutMs) / 1000} s`)),
          limits.connectTimeoutMs + limits.queryTimeoutMs,
        );
      });
      return Promise.race([connector.test(), limit]).finally(() => clearTimeout(timer));
    });
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (!(error instanceof AppError) || (error.code !== "BAD_GATEWAY" && error.code !== "UNPROCESSABLE_CONTENT")) throw error;
    // A pool that failed to connect is not kept: the next use starts afresh.
    await closeConnector(connection.id);
    return { ok: false, error: error.message, reason: (error.details as { reason: string }).reason };
  }
}
