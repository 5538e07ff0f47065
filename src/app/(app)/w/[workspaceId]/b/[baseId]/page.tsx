import type { Metadata } from "next";
import Link from "next/link";
import { Sheet } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/permissions";
import { api } from "@/trpc/server";
import { tablePath } from "@/app/_lib/paths";
import { getBase } from "@/app/_lib/tables";
import { Breadcrumb } from "./_components/breadcrumb";
import { CreateTableForm } from "./_components/create-table-form";
import { CsvImportWizard } from "./_components/csv-import-wizard";
import { RestoreTableForm } from "./_components/restore-table-form";

type Params = { params: Promise<{ workspaceId: string; baseId: string }> };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { workspaceId, baseId } = await params;
  const { base } = await getBase(workspaceId, baseId);
  return { title: base.name };
}

export default async function BasePage({ params }: Params) {
  const { workspaceId, baseId } = await params;
  const { workspace, base } = await getBase(workspaceId, baseId);
  const caller = await api();
  const { tables } = await caller.table.list({ baseId });
  const canAlter = can(workspace.role, "table.alter");
  // The trash lists the whole workspace's tables; this page shows its base's.
  const trashed = canAlter ? (await caller.trash.tables({ workspaceId })).tables.filter((t) => t.baseId === baseId) : [];

  return (
    <div className="grid grid-cols-1 gap-8">
      <div className="grid gap-2">
        <Breadcrumb trail={[{ label: "Bases", href: `/w/${workspaceId}` }]} current={base.name} />
        <h1 className="text-2xl font-semibold tracking-tight">{base.name}</h1>
      </div>

      {canAlter ? (
        <div className="grid gap-8 lg:grid-cols-2 lg:items-start">
          <Card>
            <CardHeader>
              <CardTitle>New table</CardTitle>
            </CardHeader>
            <CardContent>
              <CreateTableForm workspaceId={workspaceId} baseId={baseId} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Import CSV</CardTitle>
              <CardDescription>A new table from a CSV file: a field per column, a row per line. Check the columns' names and types in the preview.</CardDescription>
            </CardHeader>
            <CardContent>
              <CsvImportWizard workspaceId={workspaceId} baseId={baseId} />
            </CardContent>
          </Card>
        </div>
      ) : null}

      <section aria-labelledby="tables-heading" className="grid gap-3">
        <h2 id="tables-heading" className="text-lg font-semibold">
          Tables
        </h2>
        {tables.length === 0 ? (
          <div className="flex flex-col items-center rounded-lg border border-dashed border-border px-6 py-12 text-center">
            <Sheet aria-hidden className="size-8 text-muted-foreground" />
            <p className="mt-3 font-medium">No tables yet</p>
            <p className="mt-1 max-w-sm text-sm text-muted-foreground">
              {canAlter ? "Create the first one above." : "An owner or admin of this workspace can create one."}
            </p>
          </div>
        ) : (
          <ul aria-label="Tables" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {tables.map((table) => (
              <li key={table.id}>
                <Link
                  href={tablePath(workspaceId, baseId, table.id)}
                  className="flex h-full items-start gap-3 rounded-lg border border-border bg-background p-4 shadow-sm transition-colors hover:bg-muted"
                >
                  <span aria-hidden className="flex size-10 shrink-0 items-center justify-center rounded-md bg-primary/10 text-primary">
                    <Sheet className="size-5" />
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{table.name}</span>
                    <span className="block text-xs text-muted-foreground">
                      {table.fields.length} {table.fields.length === 1 ? "field" : "fields"}
                    </span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {trashed.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>Deleted tables</CardTitle>
            <CardDescription>Restoring a table brings back its fields and rows.</CardDescription>
          </CardHeader>
          <CardContent>
            <ul aria-label="Deleted tables" className="divide-y divide-border">
              {trashed.map((table) => (
                <li key={table.id} className="flex flex-wrap items-start justify-between gap-3 py-3 first:pt-0 last:pb-0">
                  <div className="min-w-0">
                    <p className="truncate font-medium">{table.name}</p>
                    {table.deletedAt ? (
                      <p className="text-xs text-muted-foreground">
                        Deleted <time dateTime={table.deletedAt.toISOString()}>{dateFormat.format(table.deletedAt)} UTC</time>
                      </p>
                    ) : null}
                  </div>
                  <RestoreTableForm workspaceId={workspaceId} baseId={baseId} table={table} />
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
