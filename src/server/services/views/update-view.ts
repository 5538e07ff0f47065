import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { views } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import type { Reader } from "../../authz/table-policy";
import { tableChanged } from "../../events/table-changes";
import { prepareViewReads } from "../../query/indexes";
import { notFound } from "../../errors";
import type { TableMeta } from "../tables/table-meta";
import { loadView, type ViewMeta, viewMeta, viewOutput } from "./view-meta";
import { prepareViewSettings, type ViewSettingsInput } from "./prepare-view";

export type ViewPatch = Partial<ViewSettingsInput> & { name?: string; position?: number };

/**
 * Changes the settings given, checking those against the table's live fields;
 * audited as view.update with the whole view before and after.
 */
export async function updateView(db: Db, params: { view: ViewMeta; table: TableMeta; patch: ViewPatch; reader: Reader; actor: AuditActor }) {
  const { view, table, patch } = params;
  const given = new Set(Object.keys(patch).filter((k) => patch[k as keyof ViewPatch] !== undefined) as Array<keyof ViewSettingsInput>);
  // Hiding a field the view sorts or groups by would break the view: re-check those.
  if (given.has("hiddenFields")) {
    given.add("sort");
    given.add("groupBy");
  }
  const type = patch.type ?? view.type;
  const settings = prepareViewSettings(
    table,
    params.reader,
    {
      type,
      filter: given.has("filter") ? patch.filter : view.filter,
      sort: patch.sort ?? view.sort,
      groupBy: patch.groupBy ?? view.groupBy,
      hiddenFields: patch.hiddenFields ?? view.hiddenFields,
      config: patch.config ?? (patch.type && patch.type !== view.type ? {} : view.config),
    },
    given,
  );
  const updated = await db.transaction(async (tx) => {
    const current = await loadView(tx, view.id);
    const [row] = await tx
      .update(views)
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.position !== undefined && { position: patch.position }),
        type,
        ...settings,
        updatedAt: new Date(),
      })
      .where(eq(views.id, view.id))
      .returning();
    if (!row) throw notFound("View");
    const after = viewOutput(viewMeta(row));
    await recordAudit(tx, params.actor, {
      workspaceId: view.workspaceId,
      action: "view.update",
      resourceType: "view",
      resourceId: view.id,
      before: viewOutput(current),
      after,
    });
    return after;
  });
  await tableChanged({ workspaceId: view.workspaceId, tableId: view.tableId, kind: "views" });
  await prepareViewReads(db, table, updated);
  return updated;
}
