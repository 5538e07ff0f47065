import "server-only";
import type { ConnectionConfig, Connector, ConnectorLimits } from "./connector";
import { mongodbConnector } from "./mongodb/mongodb-connector";
import { mysqlConnector } from "./mysql/mysql-connector";
import { postgresConnector } from "./postgres/postgres-connector";

/** The adapter for a connection's kind; a new kind does not compile until it has one. */
export function openConnector(config: ConnectionConfig, limits: ConnectorLimits): Connector {
  switch (config.kind) {
    case "postgres":
      return postgresConnector(config, limits);
    case "mysql":
      return mysqlConnector(config, limits);
    case "mongodb":
      return mongodbConnector(config, limits);
    default: {
      const unknownKind: never = config.kind;
      throw new Error(`No connector for ${String(unknownKind)}`);
    }
  }
}
