"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, LoaderCircle, RefreshCw } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { isFieldType } from "@/components/fields/field-type-catalog";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { cn } from "@/lib/utils";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import type { ConnectionSchema, ExternalTable } from "./connection-types";
import { CallFailure } from "./failure-notice";
import { AddToBase, type BaseChoice } from "./add-to-base";
import { TablePreview } from "./table-preview";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

const kindLabels: Record<ExternalTable["kind"], string> = { table: "Table", view: "View", collection: "Collection" };

/** How tables are told apart in the schema and named to `connection.query`. */
const qualifiedName = (schema: string, table: string) => `${schema}.${table}`;

/**
 * The connection's schemas and their tables, views and collections; the
 * chosen one's columns and a preview of its rows. The schema comes from the
 * server's cache (discovered on first use) until refreshed here.
 */
export function SchemaBrowser({ workspaceId, connectionId, bases }: { workspaceId: string; connectionId: string; bases: BaseChoice[] }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const schemaQuery = useQuery({ ...trpc.connection.schema.queryOptions({ connectionId }), retry: false, staleTime: Number.POSITIVE_INFINITY });
  const [selected, setSelected] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<unknown>(null);

  async function refresh() {
    setRefreshing(true);
    setRefreshError(null);
    try {
      const schema = await client.connection.refreshSchema.mutate({ connectionId });
      queryClient.setQueryData(trpc.connection.schema.queryKey({ connectionId }), schema);
      // Rows previewed before may come from columns that are gone.
      await queryClient.invalidateQueries({ queryKey: trpc.connection.query.pathKey() });
    } catch (error) {
      setRefreshError(error);
    }
    setRefreshing(false);
  }

  const schema = schemaQuery.data;
  const tables = schema?.schemas.flatMap((s) => s.tables.map((table) => ({ schema: s.name, table, key: qualifiedName(s.name, table.name) }))) ?? [];
  const current = tables.find((t) => t.key === selected) ?? tables[0];

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="outline" onClick={refresh} disabled={refreshing || schemaQuery.isPending}>
          {refreshing ? <LoaderCircle aria-hidden className="animate-spin" /> : <RefreshCw aria-hidden />}
          Refresh schema
        </Button>
        <p role="status" className="text-sm text-muted-foreground">
          {schemaQuery.isPending ? (
            "Discovering the schema…"
          ) : refreshing ? (
            "Discovering the schema again…"
          ) : schema ? (
            <>
              {tables.length} {tables.length === 1 ? "table" : "tables"}, discovered <time dateTime={schema.discoveredAt}>{dateFormat.format(new Date(schema.discoveredAt))}</time>
            </>
          ) : null}
        </p>
      </div>
      {refreshError ? <CallFailure error={refreshError} what="The schema could not be refreshed" /> : null}
      {schemaQuery.isError ? <CallFailure error={schemaQuery.error} what="The schema could not be read" /> : null}

      {schema && tables.length === 0 ? <p className="text-sm text-muted-foreground">The connected user sees no tables in this database.</p> : null}
      {schema && current ? (
        <div className="grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)] lg:items-start">
          <TableList schema={schema} current={current.key} onSelect={setSelected} />
          <TableDetails
            key={current.key}
            workspaceId={workspaceId}
            connectionId={connectionId}
            bases={bases}
            schemaName={current.schema}
            table={current.table}
            tableKeys={new Set(tables.map((t) => t.key))}
            onSelect={setSelected}
          />
        </div>
      ) : null}
    </div>
  );
}

function KindBadge({ kind }: { kind: ExternalTable["kind"] }) {
  return <span className="rounded border border-border bg-muted px-1.5 py-0.5 text-xs font-normal text-muted-foreground">{kindLabels[kind]}</span>;
}

function TableList({ schema, current, onSelect }: { schema: ConnectionSchema; current: string; onSelect: (key: string) => void }) {
  return (
    <nav aria-label="Tables" className="grid max-h-[32rem] gap-4 overflow-y-auto rounded-lg border border-border p-2 lg:sticky lg:top-4 lg:max-h-[calc(100dvh-2rem)]">
      {schema.schemas.map((s) => (
        <div key={s.name} className="grid gap-1">
          <h2 className="px-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">{s.name}</h2>
          <ul className="grid gap-0.5">
            {s.tables.map((table) => {
              const key = qualifiedName(s.name, table.name);
              return (
                <li key={key}>
                  <button
                    type="button"
                    onClick={() => onSelect(key)}
                    aria-current={key === current ? "true" : undefined}
                    className={cn(
                      "flex w-full min-w-0 items-center justify-between gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring",
                      key === current && "bg-muted font-medium",
                    )}
                  >
                    <span className="truncate">{table.name}</span>
                    <KindBadge kind={table.kind} />
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

const typeLabel = (type: string) => (isFieldType(type) ? (fieldTypeDefinition(type)?.label ?? type) : type);

function TableDetails({
  workspaceId,
  connectionId,
  bases,
  schemaName,
  table,
  tableKeys,
  onSelect,
}: {
  workspaceId: string;
  connectionId: string;
  bases: BaseChoice[];
  schemaName: string;
  table: ExternalTable;
  tableKeys: ReadonlySet<string>;
  onSelect: (key: string) => void;
}) {
  const key = qualifiedName(schemaName, table.name);
  const primaryKey = new Set(table.primaryKey);
  const mixed = table.columns.filter((c) => c.mixed);
  return (
    <section aria-labelledby="table-heading" className="grid min-w-0 gap-6">
      <div className="grid gap-1">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="table-heading" className="flex flex-wrap items-center gap-2 text-xl font-semibold">
            <span className="break-all">
              <span className="text-muted-foreground">{schemaName}.</span>
              {table.name}
            </span>
            <KindBadge kind={table.kind} />
          </h2>
          <AddToBase workspaceId={workspaceId} connectionId={connectionId} table={key} bases={bases} />
        </div>
        <p className="text-sm text-muted-foreground">
          {table.primaryKey.length > 0 ? `Primary key: ${table.primaryKey.join(", ")}` : "No primary key: rows can be read but not written."}
        </p>
        {mixed.length > 0 ? (
          <p className="text-sm text-amber-800">
            {mixed.length === 1 ? "One field holds" : `${mixed.length} fields hold`} values of more than one type across documents ({mixed.map((c) => c.name).join(", ")}).
          </p>
        ) : null}
      </div>

      <div className="relative overflow-x-auto rounded-lg border border-border">
        <table className="w-full min-w-[36rem] text-sm">
          <caption className="sr-only">Columns of {key}</caption>
          <thead className="bg-muted text-left text-xs uppercase tracking-wide text-muted-foreground">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Column</th>
              <th scope="col" className="px-3 py-2 font-medium">Native type</th>
              <th scope="col" className="px-3 py-2 font-medium">Shown as</th>
              <th scope="col" className="px-3 py-2 font-medium">Nullable</th>
              <th scope="col" className="px-3 py-2 font-medium">References</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {table.columns.map((column) => {
              const references = table.foreignKeys.filter((fk) => fk.columns.includes(column.name));
              return (
                <tr key={column.name}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <span className="flex items-center gap-1.5 break-all">
                      {column.name}
                      {primaryKey.has(column.name) ? (
                        <span className="inline-flex items-center gap-1 rounded bg-primary/10 px-1.5 py-0.5 text-xs font-normal text-primary">
                          <KeyRound aria-hidden className="size-3" />
                          Primary key
                        </span>
                      ) : null}
                    </span>
                  </th>
                  <td className="px-3 py-2 font-mono text-xs">
                    {column.nativeType}
                    {column.mixed ? <span className="ml-1.5 rounded bg-amber-100 px-1.5 py-0.5 font-sans text-amber-900">Mixed types</span> : null}
                  </td>
                  <td className="px-3 py-2">{typeLabel(column.type)}</td>
                  <td className="px-3 py-2">{column.nullable ? "Yes" : "No"}</td>
                  <td className="px-3 py-2">
                    {references.map((fk) => {
                      const target = qualifiedName(fk.references.schema, fk.references.table);
                      const label = `→ ${target}`;
                      return (
                        <span key={`${target}(${fk.columns.join(",")})`} className="block">
                          {tableKeys.has(target) ? (
                            <button type="button" onClick={() => onSelect(target)} className="text-primary underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring">
                              {label}
                            </button>
                          ) : (
                            label
                          )}
                          <span className="text-muted-foreground"> ({fk.references.columns.join(", ")})</span>
                        </span>
                      );
                    })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <TablePreview connectionId={connectionId} table={key} columns={table.columns} />
    </section>
  );
}
