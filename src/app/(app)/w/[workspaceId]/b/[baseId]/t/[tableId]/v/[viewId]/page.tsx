import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CalendarView } from "@/components/calendar/calendar-view";
import { FormView } from "@/components/form/form-view";
import { GalleryView } from "@/components/gallery/gallery-view";
import { GRID_PAGE_SIZE, gridColumns, gridSort } from "@/components/grid/grid-read";
import { GridScreen } from "@/components/grid/grid-screen";
import type { CachedRow } from "@/components/grid/page-cache";
import { KanbanView } from "@/components/kanban/kanban-view";
import { PresenceAvatars } from "@/components/realtime/presence-avatars";
import { TableRealtimeProvider } from "@/components/realtime/table-realtime";
import { TimelineView } from "@/components/timeline/timeline-view";
import { ViewSettingsBar } from "@/components/views/view-settings-bar";
import { can } from "@/lib/permissions";
import { api } from "@/trpc/server";
import { basePath, tablePath } from "@/app/_lib/paths";
import { getTable, notFoundOnRefusal } from "@/app/_lib/tables";
import { Breadcrumb } from "../../../../_components/breadcrumb";
import { linkSourcesOf, loadFieldChoices, loadLinkedTables } from "../../_components/field-choices";
import { FieldsPanel } from "../../_components/fields-panel";
import { timeZoneList } from "../../_components/time-zones";
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

type PageTable = Awaited<ReturnType<typeof getTable>>["table"];

/** The base's tables, read only when the view needs them (link targets, a new link's choices). */
async function linkedTablesOf(baseId: string, table: PageTable, always: boolean) {
  const baseTables = always || table.fields.some((f) => f.type === "link") ? (await (await api()).table.list({ baseId })).tables : [];
  return { baseTables, linked: await loadLinkedTables(table.fields, baseTables) };
}

/** The table's fields panel, as on the table's page, for the grid's "Fields" dialog. */
async function fieldsPanelOf(workspaceId: string, baseId: string, table: PageTable) {
  const { baseTables, linked } = await linkedTablesOf(baseId, table, true);
  return (
    <FieldsPanel
      tableRef={{ workspaceId, baseId, tableId: table.id }}
      fields={table.fields}
      primaryFieldId={table.primaryFieldId}
      timeZones={timeZoneList()}
      linkSources={linkSourcesOf(table, baseTables, linked)}
    />
  );
}

/** The grid's first rows, read here so they arrive with the page's HTML (the grid asks for them itself if this fails). */
async function firstGridPage(table: PageTable, view: Parameters<typeof gridColumns>[1] & { filter: unknown }) {
  const sort = gridSort(table, view);
  return (await api()).row
    .list({
      tableId: table.id,
      fieldKey: "id",
      filter: (view.filter ?? undefined) as never,
      sort: sort.length > 0 ? sort : undefined,
      fields: gridColumns(table, view).map((f) => f.id),
      limit: GRID_PAGE_SIZE,
    })
    .then((page) => page as { rows: CachedRow[]; nextCursor: string | null })
    .catch(() => undefined);
}

export default async function ViewPage({ params }: Props) {
  const { workspaceId, baseId, tableId, viewId } = await params;
  const { workspace, base, table, view } = await getView(workspaceId, baseId, tableId, viewId);
  const { views } = await (await api()).view.list({ tableId });
  const path = tablePath(workspaceId, baseId, tableId);
  const canWriteRows = can(workspace.role, "row.write");
  const canWriteView = can(workspace.role, "view.write");
  const tableProps = { id: table.id, name: table.name, primaryFieldId: table.primaryFieldId, fields: table.fields, mounted: Boolean(table.external) };
  // A different view, or the view's settings changed elsewhere: start over from them.
  const key = `${view.id}:${view.updatedAt}`;

  // Filter, sorts and shown fields of the views that read them from the saved view, for those who may change it.
  const withSettings = (component: React.ReactNode) => (
    <div className="flex min-h-0 flex-col gap-2">
      {canWriteView ? (
        <ViewSettingsBar
          table={tableProps}
          view={{ id: view.id, filter: view.filter, sort: view.sort, groupBy: view.groupBy, hiddenFields: view.hiddenFields, config: view.config }}
        />
      ) : null}
      <div className="min-h-0 flex-1">{component}</div>
    </div>
  );

  const body = await (async () => {
    switch (view.type) {
      case "grid": {
        const gridView = { id: view.id, name: view.name, filter: view.filter, sort: view.sort, groupBy: view.groupBy, hiddenFields: view.hiddenFields, config: view.config };
        return (
          <GridScreen
            // Keyed by the view alone: the screen saves its own settings, and a refresh after a save must not start it over.
            key={view.id}
            table={tableProps}
            view={gridView}
            canWrite={canWriteRows}
            canWriteView={canWriteView}
            workspaceId={workspaceId}
            role={workspace.role}
            fieldsPanel={can(workspace.role, "table.alter") ? await fieldsPanelOf(workspaceId, baseId, table) : undefined}
            firstPage={await firstGridPage(table, gridView)}
          />
        );
      }
      case "kanban":
        return withSettings(
          <KanbanView
            key={key}
            table={tableProps}
            view={{ id: view.id, name: view.name, hiddenFields: view.hiddenFields, config: view.config }}
            canWrite={canWriteRows}
            order={table.external ? "external" : view.sort.length > 0 ? "sorted" : canWriteView ? "manual" : "read-only"}
          />,
        );
      case "calendar":
        return withSettings(<CalendarView key={key} table={tableProps} view={{ id: view.id, name: view.name, hiddenFields: view.hiddenFields, config: view.config }} canWrite={canWriteRows} />);
      case "timeline":
        return withSettings(
          <TimelineView key={key} table={tableProps} view={{ id: view.id, name: view.name, groupBy: view.groupBy, config: view.config }} canWrite={canWriteRows} canWriteView={canWriteView} />,
        );
      case "gallery":
        return withSettings(
          <GalleryView
            key={key}
            table={tableProps}
            view={{ id: view.id, name: view.name, hiddenFields: view.hiddenFields, config: view.config }}
            canWriteView={canWriteView}
            canWriteRows={canWriteRows}
            tableHref={path}
          />,
        );
      case "form": {
        // What a form's user, link and attachment questions offer a member filling it in.
        const choices = canWriteRows ? await loadFieldChoices(workspaceId, table.fields, (await linkedTablesOf(baseId, table, false)).linked) : { workspaceId, members: [], linkedRows: {} };
        return (
          <FormView
            key={key}
            table={{ id: table.id, fields: table.fields }}
            view={{ id: view.id, name: view.name, config: view.config, api: view.api }}
            canWriteView={canWriteView}
            canWriteRows={canWriteRows}
            canShare={can(workspace.role, "view.share")}
            choices={choices}
          />
        );
      }
    }
  })();

  // One room for the table whatever the view type, so everyone on it is seen (and sees changes) in any view.
  return (
    <TableRealtimeProvider workspaceId={workspaceId} tableId={table.id} viewId={view.id}>
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
            <div className="flex items-center gap-3">
              <h1 className="text-2xl font-semibold tracking-tight">{table.name}</h1>
              {/* The grid shows them in its own toolbar. */}
              {view.type !== "grid" && <PresenceAvatars viewId={view.id} />}
            </div>
            <ViewTabs
              tableId={table.id}
              tablePath={path}
              views={views.map((v) => ({ id: v.id, name: v.name, type: v.type }))}
              currentViewId={view.id}
              fields={table.fields.map((f) => ({ id: f.id, name: f.name, type: f.type }))}
              canWriteView={canWriteView}
            />
          </div>
        </div>
        {body}
      </div>
    </TableRealtimeProvider>
  );
}
