import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GridScreen } from "@/components/grid/grid-screen";
import { KanbanView } from "@/components/kanban/kanban-view";
import { can } from "@/lib/permissions";
import { api } from "@/trpc/server";
import { basePath, tablePath } from "@/app/_lib/paths";
import { getTable, notFoundOnRefusal } from "@/app/_lib/tables";
import { Breadcrumb } from "../../../../_components/breadcrumb";
import { ViewTabs } from "../../_components/view-tabs";

type Props = { params: Promise<{ workspaceId: string; baseId: string; tableId: string; viewId: string }> };

async function getView(workspaceId: string, baseId: string, tableId: string, viewId: string) {
  const found = await getTable(workspaceId, baseId, tableId);
  const view = await (await api()).view.get({ viewId }).catch(notFoundOnRefusal);
  // The view must belong to the table the URL names.
  if (view.tableId !== tableId) notFound();
  return { ...found, view };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspaceId, baseId, tableId, viewId } = await params;
  const { table, view } = await getView(workspaceId, baseId, tableId, viewId);
  return { title: `${view.name} · ${table.name}` };
}

export default async function ViewPage({ params }: Props) {
  const { workspaceId, baseId, tableId, viewId } = await params;
  const { workspace, base, table, view } = await getView(workspaceId, baseId, tableId, viewId);
  const { views } = await (await api()).view.list({ tableId });
  const path = tablePath(workspaceId, baseId, tableId);

  return (
    <div className="grid h-[calc(100dvh-9rem)] min-h-[28rem] grid-cols-1 grid-rows-[auto_minmax(0,1fr)] gap-4">
      <div className="grid gap-2">
        <Breadcrumb
          trail={[
            { label: "Bases", href: `/w/${workspaceId}` },
            { label: base.name, href: basePath(workspaceId, baseId) },
            { label: table.name, href: path },
          ]}
          current={view.name}
        />
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{table.name}</h1>
          <ViewTabs
            tableId={table.id}
            tablePath={path}
            views={views.map((v) => ({ id: v.id, name: v.name, type: v.type }))}
            currentViewId={view.id}
            fields={table.fields.map((f) => ({ id: f.id, name: f.name, type: f.type }))}
            canWriteView={can(workspace.role, "view.write")}
          />
        </div>
      </div>
      {view.type === "kanban" ? (
        <KanbanView
          key={`${view.id}:${view.updatedAt}`}
          table={{ id: table.id, name: table.name, primaryFieldId: table.primaryFieldId, fields: table.fields }}
          view={{ id: view.id, name: view.name, hiddenFields: view.hiddenFields, config: view.config }}
          canWrite={can(workspace.role, "row.write")}
        />
      ) : view.type === "grid" ? (
        <GridScreen
          // A different view, or the view's settings changed elsewhere: start over from them.
          key={`${view.id}:${view.updatedAt}`}
          table={{ id: table.id, name: table.name, primaryFieldId: table.primaryFieldId, fields: table.fields }}
          view={{ id: view.id, name: view.name, filter: view.filter, sort: view.sort, hiddenFields: view.hiddenFields, config: view.config }}
          canWrite={can(workspace.role, "row.write")}
          canWriteView={can(workspace.role, "view.write")}
          workspaceId={workspaceId}
          role={workspace.role}
        />
      ) : (
        <p className="text-sm text-muted-foreground">
          This is a {view.type} view; it opens here once that view type has its page.{" "}
          <Link href={path} className="text-primary underline underline-offset-4">
            Back to the table
          </Link>
        </p>
      )}
    </div>
  );
}
