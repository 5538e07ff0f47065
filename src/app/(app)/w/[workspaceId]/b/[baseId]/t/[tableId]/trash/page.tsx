import type { Metadata } from "next";
import { can } from "@/lib/permissions";
import { fieldTypeLabel } from "@/components/fields/field-type-catalog";
import { api } from "@/trpc/server";
import { basePath, tablePath } from "@/app/_lib/paths";
import { getTable, notFoundOnRefusal } from "@/app/_lib/tables";
import { Breadcrumb } from "../../../_components/breadcrumb";
import { RowsTable } from "../_components/rows-table";
import { RestoreFieldForm, RestoreRowForm } from "./_components/restore-forms";

type Props = { params: Promise<{ workspaceId: string; baseId: string; tableId: string }> };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const deletedAt = (iso: string | Date) => {
  const date = new Date(iso);
  return <time dateTime={date.toISOString()}>{dateFormat.format(date)} UTC</time>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspaceId, baseId, tableId } = await params;
  const { table } = await getTable(workspaceId, baseId, tableId);
  return { title: `Trash of ${table.name}` };
}

export default async function TableTrashPage({ params }: Props) {
  const { workspaceId, baseId, tableId } = await params;
  const { workspace, base, table } = await getTable(workspaceId, baseId, tableId);
  const tableRef = { workspaceId, baseId, tableId };
  const header = (
    <div className="grid gap-2">
      <Breadcrumb
        trail={[
          { label: "Bases", href: `/w/${workspaceId}` },
          { label: base.name, href: basePath(workspaceId, baseId) },
          { label: table.name, href: tablePath(workspaceId, baseId, tableId) },
        ]}
        current="Trash"
      />
      <h1 className="text-2xl font-semibold tracking-tight">Trash of {table.name}</h1>
    </div>
  );

  if (!can(workspace.role, "row.write")) {
    return (
      <div className="grid gap-4">
        {header}
        <p className="text-muted-foreground">Only editors, admins and owners of {workspace.name} can see what was deleted.</p>
      </div>
    );
  }

  const trash = await (await api()).trash.ofTable({ tableId }).catch(notFoundOnRefusal);
  // Trashed rows come keyed by field name; the table shows them by id, as on the table page.
  const rows = trash.rows.map((row) => ({
    ...row,
    fields: Object.fromEntries(table.fields.map((f) => [f.id, row.fields[f.name]])),
  }));
  const deletedAtById = new Map(trash.rows.map((row) => [row.id, row.deletedAt]));
  const canAlter = can(workspace.role, "table.alter");

  return (
    <div className="grid grid-cols-1 gap-8">
      {header}

      <section aria-labelledby="deleted-rows-heading" className="grid min-w-0 gap-3">
        <div>
          <h2 id="deleted-rows-heading" className="text-lg font-semibold">
            Deleted rows
          </h2>
          <p className="text-sm text-muted-foreground">The most recently deleted first, up to 100.</p>
        </div>
        <RowsTable
          caption={`Deleted rows of ${table.name}`}
          fields={table.fields}
          primaryFieldId={table.primaryFieldId}
          rows={rows}
          empty="No deleted rows."
          extra={{ header: "Deleted", cell: (row) => deletedAt(deletedAtById.get(row.id)!) }}
          actions={(row, label) => <RestoreRowForm tableRef={tableRef} rowId={row.id} label={label} />}
        />
      </section>

      {canAlter ? (
        <section aria-labelledby="deleted-fields-heading" className="grid gap-3">
          <h2 id="deleted-fields-heading" className="text-lg font-semibold">
            Deleted fields
          </h2>
          {trash.fields.length === 0 ? (
            <div className="rounded-lg border border-dashed border-border px-6 py-10 text-center text-sm text-muted-foreground">
              No deleted fields.
            </div>
          ) : (
            <ul aria-label="Deleted fields" className="divide-y divide-border rounded-lg border border-border">
              {trash.fields.map((field) => (
                <li key={field.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
                  <div className="min-w-0">
                    <p className="truncate font-medium">{field.name}</p>
                    <p className="text-xs text-muted-foreground">
                      {fieldTypeLabel(field.type)}
                      {field.deletedAt ? <> · Deleted {deletedAt(field.deletedAt)}</> : null}
                    </p>
                  </div>
                  <RestoreFieldForm tableRef={tableRef} field={field} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
