import "server-only";
import { and, eq, gt, max, min } from "drizzle-orm";
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import { followsManualOrder, type ViewConfigOf } from "@/lib/views/registry";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import type { Reader } from "../../authz/table-policy";
import type { Db } from "../../db";
import { viewRowRanks, views } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { tableChanged } from "../../events/table-changes";
import { readRowsForReader, unrankedUpTo } from "../../query/execute";
import { rowIdPattern } from "../rows/row-codec";
import type { TableMeta } from "../tables/table-meta";
import type { ViewMeta } from "./view-meta";

/** Unranked cards above a drop point ranked in one move at most (a stack shows 100 cards). */
export const maxRankedAtOnce = 1000;

export type MoveRowInput = {
  rowId: string;
  /** The card it now follows in its stack; null: first in its stack. */
  after: string | null;
};

/**
 * Places a row of a manually ordered view (a kanban card) right after
 * another, or first: one new fractional rank for the row, strictly between
 * the anchor's rank and the next rank of the view, so ranks stay unique and
 * a later move between any two always fits. The view row is locked for the
 * move, so concurrent moves take turns instead of choosing the same rank.
 * The stack itself is the card's field, written by the row services; this
 * only orders. Audited as view.reorder.
 */
export async function moveRowInView(db: Db, params: { view: ViewMeta; table: TableMeta; reader: Reader; actor: AuditActor; input: MoveRowInput }) {
  const { view, table, reader, input } = params;
  if (table.external) {
    throw new AppError("BAD_REQUEST", "Cards of an external table follow the view's sort; they cannot be ordered by hand", { reason: "external_table" });
  }
  if (!followsManualOrder(view)) {
    throw new AppError(
      "BAD_REQUEST",
      view.sort.length > 0 ? "This view is sorted: its cards follow the sort. Remove the sort to order them by hand" : `A ${view.type} view has no manual order`,
      { reason: view.sort.length > 0 ? "sorted_view" : "no_manual_order" },
    );
  }
  for (const [name, id] of [["rowId", input.rowId], ["after", input.after]] as const) {
    if (id !== null && !rowIdPattern.test(id)) throw new AppError("BAD_REQUEST", `${name} is not a row id`, { field: name });
  }
  if (input.after === input.rowId) throw new AppError("BAD_REQUEST", "A card cannot be placed after itself", { field: "after" });
  if ((await readRowsForReader(db, table, reader, [input.rowId], "id")).length === 0) throw notFound("Row");
  const { stackFieldId } = view.config as unknown as ViewConfigOf["kanban"];

  const result = await db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: views.id }).from(views).where(eq(views.id, view.id)).for("update");
    if (!locked) throw notFound("View");
    const ranks = viewRowRanks;
    const inView = eq(ranks.viewId, view.id);
    const rankOf = async (rowId: string) =>
      (await tx.select({ rank: ranks.rank }).from(ranks).where(and(inView, eq(ranks.rowId, rowId))))[0]?.rank ?? null;
    const before = await rankOf(input.rowId);
    // Moving a card out of its place frees its rank: the neighbours are computed without it.
    if (before !== null) await tx.delete(ranks).where(and(inView, eq(ranks.rowId, input.rowId)));

    const placed: Array<{ rowId: string; rank: string }> = [];
    if (input.after === null) {
      const [first] = await tx.select({ rank: min(ranks.rank) }).from(ranks).where(inView);
      placed.push({ rowId: input.rowId, rank: generateKeyBetween(null, first?.rank ?? null) });
    } else {
      const anchorRank = await rankOf(input.after);
      if (anchorRank !== null) {
        const [next] = await tx.select({ rank: min(ranks.rank) }).from(ranks).where(and(inView, gt(ranks.rank, anchorRank)));
        placed.push({ rowId: input.rowId, rank: generateKeyBetween(anchorRank, next?.rank ?? null) });
      } else {
        // The anchor has no rank, so neither has anything below it: rank the stack's unranked cards down to it, then this one.
        const unranked = await unrankedUpTo(tx, {
          table,
          reader,
          scope: { filter: view.filter ?? undefined, hiddenFields: view.hiddenFields.filter((id) => id !== stackFieldId) },
          plan: { tableId: table.id, limit: 1 },
          stackField: stackFieldId,
          viewId: view.id,
          anchor: input.after,
          moving: input.rowId,
          max: maxRankedAtOnce,
        });
        if (!unranked) throw new AppError("NOT_FOUND", "The card to place it after is not in this view", { field: "after" });
        if (unranked.length > maxRankedAtOnce) {
          throw new AppError("BAD_REQUEST", `Cards can be placed by hand within the first ${maxRankedAtOnce} of a stack`, { field: "after" });
        }
        const [last] = await tx.select({ rank: max(ranks.rank) }).from(ranks).where(inView);
        const keys = generateNKeysBetween(last?.rank ?? null, null, unranked.length + 1);
        unranked.forEach((rowId, i) => placed.push({ rowId, rank: keys[i]! }));
        placed.push({ rowId: input.rowId, rank: keys.at(-1)! });
      }
    }
    await tx.insert(ranks).values(placed.map((p) => ({ viewId: view.id, ...p })));
    const rank = placed.at(-1)!.rank;
    await recordAudit(tx, params.actor, {
      workspaceId: view.workspaceId,
      action: "view.reorder",
      resourceType: "view",
      resourceId: view.id,
      before: { rowId: input.rowId, rank: before },
      // The cards ranked on the way, so a revert can leave them unranked again (exactly the order before).
      after: { rowId: input.rowId, after: input.after, rank, ranked: placed.slice(0, -1) },
    });
    return { rowId: input.rowId, after: input.after, rank };
  });
  // The order is part of what the view's readers (and its published answers) show.
  await tableChanged({ workspaceId: view.workspaceId, tableId: view.tableId, kind: "rows" });
  return result;
}

/**
 * Undoes a move (the view.reorder reverter): the row gets back the rank it
 * had (none: it follows the ranked cards again), provided it still holds the
 * rank the move gave it and nobody took the old one since; the cards the move
 * ranked above the drop point lose those ranks again where they still hold
 * them, so the stack is as it was.
 */
export async function revertRowMove(
  db: Db,
  params: { view: ViewMeta; rowId: string; moved: string | null; rank: string | null; ranked: Array<{ rowId: string; rank: string }>; actor: AuditActor },
) {
  const { view, rowId } = params;
  const superseded = () => new AppError("CONFLICT", "Cannot revert: the card was moved again since this entry; revert the later move first");
  await db.transaction(async (tx) => {
    await tx.select({ id: views.id }).from(views).where(eq(views.id, view.id)).for("update");
    const held = and(eq(viewRowRanks.viewId, view.id), eq(viewRowRanks.rowId, rowId));
    const [current] = await tx.select({ rank: viewRowRanks.rank }).from(viewRowRanks).where(held);
    if ((current?.rank ?? null) !== params.moved) throw superseded();
    await tx.delete(viewRowRanks).where(held);
    for (const other of params.ranked) {
      await tx.delete(viewRowRanks).where(and(eq(viewRowRanks.viewId, view.id), eq(viewRowRanks.rowId, other.rowId), eq(viewRowRanks.rank, other.rank)));
    }
    if (params.rank !== null) {
      const [taken] = await tx.select({ rowId: viewRowRanks.rowId }).from(viewRowRanks).where(and(eq(viewRowRanks.viewId, view.id), eq(viewRowRanks.rank, params.rank)));
      if (taken) throw superseded();
      await tx.insert(viewRowRanks).values({ viewId: view.id, rowId, rank: params.rank });
    }
    await recordAudit(tx, params.actor, {
      workspaceId: view.workspaceId,
      action: "view.reorder",
      resourceType: "view",
      resourceId: view.id,
      before: { rowId, rank: params.moved },
      after: { rowId, rank: params.rank, reverted: true },
    });
  });
  await tableChanged({ workspaceId: view.workspaceId, tableId: view.tableId, kind: "rows" });
  return { rowId, rank: params.rank };
}
