import type { Metadata } from "next";
import Link from "next/link";
import { ChevronLeft, ChevronRight, Download, Sheet, Trash2 } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { fieldTypeLabel } from "@/components/fields/field-type-catalog";
import { can } from "@/lib/permissions";
import { toAppError } from "@/server/api/trpc";
import { api } from "@/trpc/server";
import { basePath, tablePath } from "@/app/_lib/paths";
import { getTable, notFoundOnRefusal } from "@/app/_lib/tables";
import { Breadcrumb } from "../../_components/breadcrumb";
import { CsvAppendForm } from "./_components/csv-append-form";
import { DeleteRowForm } from "./_components/delete-row-form";
import { linkSourcesOf, loadFieldChoices, loadLinkedTables } from "./_components/field-choices";
import { FieldsPanel } from "./_components/fields-panel";
import { RowForm } from "./_components/row-form";
import { rowLabel } from "@/components/fields/row-label";
import { EditRowLink, RowsTable } from "./_components/rows-table";
import { TableSettings } from "./_components/table-settings";
import { timeZoneList } from "./_components/time-zones";

type Props = {
  params: Promise<{ workspaceId: string; baseId: string; tableId: string }>;
  searchParams: Promise<{ cursor?: string | string[]; edit?: string | string[] }>;
};

const PAGE_SIZE = 100;
const single = (value: string | string[] | undefined) => (typeof value === "string" && value !== "" ? value : undefined);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspaceId, baseId, tableId } = await params;
  const { table } = await getTable(workspaceId, baseId, tableId);
  return { title: table.name };
}

export default async function TablePage({ params, searchParams }: Props) {
  const { workspaceId, baseId, tableId } = await params;
  const query = await searchParams;
  const cursor = single(query.cursor);
  const editId = single(query.edit);
  const { workspace, base, table } = await getTable(workspaceId, baseId, tableId);
  const caller = await api();
  const canWrite = can(workspace.role, "row.write");
  const canAlter = can(workspace.role, "table.alter");
  const tableRef = { workspaceId, baseId, tableId };
  const path = tablePath(workspaceId, baseId, tableId);
  const here = cursor ? `${path}?cursor=${encodeURIComponent(cursor)}` : path;

  // Field ids as keys: a field renamed meanwhile still finds its column.
  const page = await caller.row.list({ tableId, limit: PAGE_SIZE, cursor, fieldKey: "id" }).catch(notFoundOnRefusal);
  // Every table has a default grid view; the grid opens the first one.
  const gridView = (await caller.view.list({ tableId })).views.find((v) => v.type === "grid");
  const editing = canWrite && editId ? await loadRow(tableId, editId) : null;

  // The base's tables: what a new link may point to, and where links lead.
  const hasLinks = table.fields.some((f) => f.type === "link");
  const baseTables = canAlter || hasLinks ? (await caller.table.list({ baseId })).tables : [];
  const linked = await loadLinkedTables(table.fields, baseTables);
  const linkHref = (linkedTableId: string, rowId: string) => {
    const target = linked.get(linkedTableId);
    return target ? `${tablePath(workspaceId, target.baseId, target.id)}#row-${rowId}` : undefined;
  };
  const choices = canWrite ? await loadFieldChoices(workspaceId, table.fields, linked) : null;
  const linkSources = linkSourcesOf(table, baseTables, linked);

  return (
    <div className="grid grid-cols-1 gap-8">
      <div className="grid gap-2">
        <Breadcrumb
          trail={[
            { label: "Bases", href: `/w/${workspaceId}` },
            { label: base.name, href: basePath(workspaceId, baseId) },
          ]}
          current={table.name}
        />
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="break-words text-2xl font-semibold tracking-tight">{table.name}</h1>
            <p className="mt-1 text-sm text-muted-foreground">
              {table.fields.length} {table.fields.length === 1 ? "field" : "fields"}
            </p>
          </div>
          <div className="flex flex-wrap items-start gap-2">
            {gridView ? (
              <Link href={`${path}/v/${gridView.id}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
                <Sheet aria-hidden />
                Open grid
              </Link>
            ) : null}
            {/* A plain link: the API answers with the file as a download, in the viewer's session. */}
            <a href={`/api/v1/tables/${tableId}/export`} download className={buttonVariants({ variant: "outline", size: "sm" })}>
              <Download aria-hidden />
              Export CSV
            </a>
            {canWrite ? (
              <Link href={`${path}/trash`} className={buttonVariants({ variant: "outline", size: "sm" })}>
                <Trash2 aria-hidden />
                Trash
              </Link>
            ) : null}
            {canAlter ? <TableSettings tableRef={tableRef} name={table.name} /> : null}
          </div>
        </div>
      </div>

      {editId && canWrite ? (
        <Card id="edit-row" role="region" aria-labelledby="edit-row-heading">
          <CardHeader>
            <CardTitle id="edit-row-heading">
              {editing ? `Edit ${rowLabel(editing, table.primaryFieldId)}` : "Edit row"}
            </CardTitle>
          </CardHeader>
          <CardContent>
            {editing && choices ? (
              <RowForm
                // A new version (saved here or elsewhere) starts the form over from it.
                key={`${editing.id}:${editing.version}`}
                tableRef={tableRef}
                fields={table.fields}
                choices={choices}
                row={editing}
                cursor={cursor}
                cancelHref={here}
              />
            ) : (
              <p className="text-sm text-muted-foreground">
                This row no longer exists; it may have been deleted.{" "}
                <Link href={here} className="text-primary underline-offset-4 hover:underline">
                  Back to the rows
                </Link>
              </p>
            )}
          </CardContent>
        </Card>
      ) : null}

      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <div className="grid min-w-0 gap-8">
          {choices ? (
            <Card>
              <CardHeader>
                <CardTitle>Add row</CardTitle>
              </CardHeader>
              <CardContent>
                <RowForm tableRef={tableRef} fields={table.fields} choices={choices} />
              </CardContent>
            </Card>
          ) : null}

          <section aria-labelledby="rows-heading" className="grid min-w-0 gap-3">
            <h2 id="rows-heading" className="text-lg font-semibold">
              Rows
            </h2>
            <RowsTable
              caption={`Rows of ${table.name}`}
              fields={table.fields}
              primaryFieldId={table.primaryFieldId}
              rows={page.rows}
              linkHref={linkHref}
              empty={cursor ? "No more rows." : canWrite ? "No rows yet. Add the first one above." : "No rows yet."}
              actions={
                canWrite
                  ? (row, label) => (
                      <>
                        <EditRowLink href={`${path}?${new URLSearchParams({ ...(cursor ? { cursor } : {}), edit: row.id })}#edit-row`} label={label} />
                        <DeleteRowForm tableRef={tableRef} rowId={row.id} label={label} />
                      </>
                    )
                  : undefined
              }
            />
            {cursor || page.nextCursor ? (
              <nav aria-label="Pages of rows" className="flex flex-wrap gap-2">
                {cursor ? (
                  <Link href={path} className={buttonVariants({ variant: "outline", size: "sm" })}>
                    <ChevronLeft aria-hidden />
                    First rows
                  </Link>
                ) : null}
                {page.nextCursor ? (
                  <Link href={`${path}?cursor=${encodeURIComponent(page.nextCursor)}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
                    Next {PAGE_SIZE} rows
                    <ChevronRight aria-hidden />
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </section>
        </div>

        <div className="grid gap-8">
          {canAlter ? (
            <FieldsPanel
              tableRef={tableRef}
              fields={table.fields}
              primaryFieldId={table.primaryFieldId}
              timeZones={timeZoneList()}
              linkSources={linkSources}
            />
          ) : (
            <section aria-labelledby="fields-heading" className="grid gap-2 rounded-lg border border-border p-4">
              <h2 id="fields-heading" className="text-sm font-semibold">
                Fields
              </h2>
              <ul className="grid gap-1.5 text-sm">
                {table.fields.map((field) => (
                  <li key={field.id} className="flex justify-between gap-2">
                    <span className="truncate">{field.name}</span>
                    <span className="shrink-0 text-muted-foreground">{fieldTypeLabel(field.type)}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {canWrite ? (
            <Card>
              <CardHeader>
                <CardTitle>Import rows from CSV</CardTitle>
                <CardDescription>A row per line of the file, added after the rows already here.</CardDescription>
              </CardHeader>
              <CardContent>
                <CsvAppendForm label="Import rows from CSV" tableId={tableId} fields={table.fields} />
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** The row ?edit= names, or null when it is gone (or the id is not one). */
async function loadRow(tableId: string, rowId: string) {
  try {
    return await (await api()).row.get({ tableId, rowId, fieldKey: "id" });
  } catch (error) {
    const code = toAppError(error).code;
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") return null;
    throw error;
  }
}
