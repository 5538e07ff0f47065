import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FormView } from "@/components/form/form-view";
import { GalleryView } from "@/components/gallery/gallery-view";
import { GridView } from "@/components/grid/grid-view";
import { KanbanView } from "@/components/kanban/kanban-view";
import { can } from "@/lib/permissions";
import { cn } from "@/lib/utils";
import { api } from "@/trpc/server";
import { basePath, tablePath } from "@/app/_lib/paths";
import { getTable, notFoundOnRefusal } from "@/app/_lib/tables";
import { Breadcrumb } from "../../../../_components/breadcrumb";
import { loadFieldChoices, loadLinkedTables } from "../../_components/field-choices";

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
  const canWriteRows = can(workspace.role, "row.write");
  // What a form's user, link and attachment questions offer a member filling it in.
  const formChoices =
    view.type === "form" && canWriteRows
      ? await loadFieldChoices(
          workspaceId,
          table.fields,
          await loadLinkedTables(table.fields, table.fields.some((f) => f.type === "link") ? (await (await api()).table.list({ baseId })).tables : []),
        )
      : { workspaceId, members: [], linkedRows: {} };

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
          <nav aria-label="Views">
            <ul className="flex flex-wrap gap-1">
              {views.map((v) => (
                <li key={v.id}>
                  <Link
                    href={`${path}/v/${v.id}`}
                    aria-current={v.id === view.id ? "page" : undefined}
                    className={cn(
                      "inline-flex rounded-md px-2.5 py-1 text-sm hover:bg-accent",
                      v.id === view.id ? "bg-accent font-medium text-accent-foreground" : "text-muted-foreground",
                    )}
                  >
                    {v.name}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
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
        <GridView
          // A different view, or the view's settings changed elsewhere: start over from them.
          key={`${view.id}:${view.updatedAt}`}
          table={{ id: table.id, name: table.name, primaryFieldId: table.primaryFieldId, fields: table.fields }}
          view={{ id: view.id, name: view.name, filter: view.filter, sort: view.sort, hiddenFields: view.hiddenFields, config: view.config }}
          canWrite={can(workspace.role, "row.write")}
          canWriteView={can(workspace.role, "view.write")}
          tableHref={path}
        />
      ) : view.type === "gallery" ? (
        <GalleryView
          key={`${view.id}:${view.updatedAt}`}
          table={{ id: table.id, name: table.name, primaryFieldId: table.primaryFieldId, fields: table.fields }}
          view={{ id: view.id, name: view.name, hiddenFields: view.hiddenFields, config: view.config }}
          canWriteView={can(workspace.role, "view.write")}
          canWriteRows={canWriteRows}
          tableHref={path}
        />
      ) : view.type === "form" ? (
        <FormView
          key={`${view.id}:${view.updatedAt}`}
          table={{ id: table.id, fields: table.fields }}
          view={{ id: view.id, name: view.name, config: view.config, api: view.api }}
          canWriteView={can(workspace.role, "view.write")}
          canWriteRows={canWriteRows}
          canShare={can(workspace.role, "view.share")}
          choices={formChoices}
        />
      ) : (
        <p className="text-sm text-muted-foreground">
          This is a {view.type} view; it opens here once that view type has its page.{" "}
          <Link href={path} className="text-primary underline-offset-4 hover:underline">
            Back to the table
          </Link>
        </p>
      )}
    </div>
  );
}
