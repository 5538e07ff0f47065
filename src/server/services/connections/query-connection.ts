import "server-only";
import type { FilterNode, SortSpec } from "@/lib/query/plan";
import type { Db } from "../../db";
import type { AuditActor } from "../../audit/record-audit";
import type { ExternalPage } from "../../connectors/connector";
import { env } from "../../env";
import { loadConnection, useConnection } from "./connection-record";
import { connectionSchema, findExternalTable } from "./connection-schema";

export type ConnectionQueryInput = {
  table: string;
  filter?: FilterNode;
  sort?: SortSpec;
  fields?: string[];
  limit?: number;
  cursor?: string;
};

/**
 * A page of an external table: the plan compiled by the connection's
 * adapter against the discovered schema, at most CONNECTION_ROW_CAP rows,
 * within the query time limit.
 */
export async function queryConnection(db: Db, params: { connectionId: string; query: ConnectionQueryInput; actor: AuditActor; now?: Date }) {
  const connection = await loadConnection(db, params.connectionId);
  const schema = await connectionSchema(db, { connectionId: connection.id, actor: params.actor });
  const { schema: schemaName, table } = findExternalTable(schema, params.query.table);
  const limit = Math.min(params.query.limit ?? 100, env.CONNECTION_ROW_CAP);
  return useConnection<ExternalPage>(
    db,
    {
      connection,
      actor: params.actor,
      use: { operation: "query", table: `${schemaName}.${table.name}` },
      summary: (page) => ({ rows: page.rows.length }),
    },
    (connector) =>
      connector.query({
        schema: schemaName,
        table,
        filter: params.query.filter,
        sort: params.query.sort,
        fields: params.query.fields,
        limit,
        cursor: params.query.cursor,
        now: params.now ?? new Date(),
      }),
  );
}
