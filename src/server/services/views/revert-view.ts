import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { Permission } from "@/lib/permissions";
import type { AuditActor } from "../../audit/record-audit";
import type { Reader } from "../../authz/table-policy";
import type { Db } from "../../db";
import type { auditLog } from "../../db/schema";
import { AppError } from "../../errors";
import { loadTable } from "../tables/table-meta";
import { deleteView, restoreView } from "./delete-view";
import { revertRowMove } from "./move-row-in-view";
import { updateView } from "./update-view";
import { loadView, type ViewOutput, viewOutput } from "./view-meta";

type Entry = typeof auditLog.$inferSelect;
type Reverter = { permission: Permission; revert: (db: Db, entry: Entry, actor: AuditActor, reader: Reader) => Promise<unknown> };

/** The settings a view.update changes (what a revert puts back, and what must still hold what it wrote). */
const settingsOf = (v: ViewOutput) => ({
  name: v.name,
  type: v.type,
  position: v.position,
  filter: v.filter,
  sort: v.sort,
  groupBy: v.groupBy,
  hiddenFields: v.hiddenFields,
  config: v.config,
});

async function existingView(db: Db, viewId: string) {
  return loadView(db, viewId).catch(() => {
    throw new AppError("CONFLICT", "Cannot revert: the view has been deleted; revert its deletion first");
  });
}

/** How view changes are undone (entries of the audit revert registry). */
export const viewReverters: Record<string, Reverter> = {
  "view.update": {
    permission: "view.write",
    async revert(db, entry, actor, reader) {
      const view = await existingView(db, entry.resourceId);
      if (!isDeepStrictEqual(settingsOf(viewOutput(view)), settingsOf(entry.after as ViewOutput))) {
        throw new AppError("CONFLICT", "Cannot revert: the view changed again since this entry; revert the later change first");
      }
      const table = await loadTable(db, view.tableId);
      return updateView(db, { view, table, patch: settingsOf(entry.before as ViewOutput), reader, actor });
    },
  },
  "view.delete": {
    permission: "view.write",
    revert: (db, entry, actor) => restoreView(db, { workspaceId: entry.workspaceId!, before: entry.before as ViewOutput, actor }),
  },
  "view.reorder": {
    permission: "view.write",
    async revert(db, entry, actor) {
      const view = await existingView(db, entry.resourceId);
      const before = entry.before as { rowId: string; rank: string | null };
      const after = entry.after as { rank: string | null; ranked?: Array<{ rowId: string; rank: string }> };
      return revertRowMove(db, { view, rowId: before.rowId, moved: after.rank, rank: before.rank, ranked: after.ranked ?? [], actor });
    },
  },
  "view.create": {
    permission: "view.write",
    async revert(db, entry, actor) {
      await existingView(db, entry.resourceId);
      return deleteView(db, { viewId: entry.resourceId, actor });
    },
  },
};
