import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { FilterNode, SortSpec } from "@/lib/query/plan";
import type { LayoutConfig } from "@/lib/views/view-type";
import type { ViewType } from "@/lib/views/view-type";
import type { Db } from "../../db";
import { views, viewShares } from "../../db/schema";
import { notFound } from "../../errors";

export type ViewRecord = typeof views.$inferSelect;
export type ViewShare = typeof viewShares.$inferSelect;

/** A view as services use it: its stored settings, typed (field references are ids). */
export type ViewMeta = Omit<ViewRecord, "type" | "filter" | "sort" | "groupBy" | "hiddenFields" | "config"> & {
  type: ViewType;
  filter: FilterNode | null;
  sort: SortSpec;
  groupBy: string[];
  hiddenFields: string[];
  config: LayoutConfig & Record<string, unknown>;
};

export function viewMeta(record: ViewRecord): ViewMeta {
  return record as ViewMeta;
}

export async function loadView(db: Db, viewId: string): Promise<ViewMeta> {
  const [view] = await db.select().from(views).where(eq(views.id, viewId));
  if (!view) throw notFound("View");
  return viewMeta(view);
}

export async function loadViewShare(db: Db, viewId: string): Promise<ViewShare | undefined> {
  const [share] = await db.select().from(viewShares).where(eq(viewShares.viewId, viewId));
  return share;
}

/** Where a published view answers: its JSON data, or for a form the page people fill in (its JSON is under it, at /submission). */
export function publishedPath(view: Pick<ViewMeta, "type">, slug: string): string {
  return view.type === "form" ? `/public/forms/${slug}` : `/public/views/${slug}/data`;
}

/** The API's View shape (also what the audit log records as before/after). */
export function viewOutput(view: ViewMeta) {
  return {
    id: view.id,
    tableId: view.tableId,
    name: view.name,
    type: view.type,
    position: view.position,
    filter: view.filter,
    sort: view.sort,
    groupBy: view.groupBy,
    hiddenFields: view.hiddenFields,
    config: view.config,
    createdBy: view.createdBy,
    createdAt: new Date(view.createdAt).toISOString(),
    updatedAt: new Date(view.updatedAt).toISOString(),
  };
}
export type ViewOutput = ReturnType<typeof viewOutput>;

/** Whether and how the view is published (never the key or its hash). */
export function shareOutput(view: Pick<ViewMeta, "type">, share: ViewShare | undefined) {
  if (!share) return null;
  return { slug: share.slug, enabled: share.enabled, auth: share.auth as "public" | "api_key", url: publishedPath(view, share.slug) };
}

/** A table's views in order, each with how it is published. */
export async function listViews(db: Db, tableId: string) {
  const rows = await db.select().from(views).where(eq(views.tableId, tableId)).orderBy(asc(views.position), asc(views.createdAt));
  const shares = rows.length ? await db.select().from(viewShares).where(inArray(viewShares.viewId, rows.map((r) => r.id))) : [];
  return rows.map((row) => {
    const view = viewMeta(row);
    return { ...viewOutput(view), api: shareOutput(view, shares.find((s) => s.viewId === view.id)) };
  });
}
