import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { type Reader, tablePolicy } from "../../authz/table-policy";
import type { Db } from "../../db";
import { tables } from "../../db/schema";
import { loadTable, tableOutput } from "./table-meta";

/** The live tables of a base, each with the fields the reader may see. */
export async function listTables(db: Db, baseId: string, reader: Reader) {
  const baseTables = await db
    .select({ id: tables.id })
    .from(tables)
    .where(and(eq(tables.baseId, baseId), isNull(tables.deletedAt)))
    .orderBy(asc(tables.position), asc(tables.createdAt));
  const answer = [];
  for (const { id } of baseTables) answer.push(tableForReader(await loadTable(db, id), reader));
  return answer;
}

/** The API's Table as one reader sees it: hidden fields left out, read-only ones marked. */
export function tableForReader(table: Parameters<typeof tablePolicy>[0], reader: Reader) {
  const policy = tablePolicy(table, reader);
  const output = tableOutput(policy.visible);
  return { ...output, fields: output.fields.map((f) => (policy.readOnly.has(f.id) ? { ...f, readOnly: true } : f)) };
}
