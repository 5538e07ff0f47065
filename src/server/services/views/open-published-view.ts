import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { views, viewShares } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { loadTable } from "../tables/table-meta";
import { type ViewMeta, viewMeta } from "./view-meta";
import { tableGeneration } from "../../cache/table-generation";
import type { TableMeta } from "../tables/table-meta";
import { keyMatches } from "./publish-view";

/** The anonymous reader of a published view or public form: held to the viewer role's rules. */
export const publicReader = { role: "public", userId: null } as const;

/**
 * A published view by its slug, for an anonymous caller: 404 when there is no
 * such enabled publication (or it is a form asked for as data, or the
 * reverse), 401 when it needs a key and `bearer` is not that view's key.
 */
export async function openPublishedView(db: Db, params: { slug: string; as: "data" | "form"; bearer: string | null }) {
  const found = await resolvePublication(db, params.slug);
  const isForm = found?.view.type === "form";
  if (!found || isForm !== (params.as === "form")) throw notFound(params.as === "form" ? "Form" : "View");
  if (found.share.auth === "api_key" && !keyMatches(found.share.keyHash, params.bearer)) {
    throw new AppError("UNAUTHORIZED", "This view needs its API key: send Authorization: Bearer <key>");
  }
  if (!found.table) throw notFound(params.as === "form" ? "Form" : "View");
  return { view: found.view, share: found.share, table: found.table };
}

type Publication = { view: ViewMeta; share: typeof viewShares.$inferSelect; table: TableMeta | null };

// Published views answer anonymous traffic at high rates: what a slug names
// (view, publication, table metadata) is remembered per process while the
// table's generation — bumped after every change of its data, fields, views,
// rules or publication — stays the same, and for a few seconds at most.
const memoMs = 5_000;
const memoLimit = 10_000;
const globalForMemo = globalThis as unknown as { tesseraPublications?: Map<string, { at: number; generation: string; publication: Publication }> };
const memo = (globalForMemo.tesseraPublications ??= new Map());

async function resolvePublication(db: Db, slug: string): Promise<Publication | null> {
  const hit = memo.get(slug);
  if (hit && Date.now() - hit.at < memoMs && (await tableGeneration(hit.publication.view.tableId)) === hit.generation) return hit.publication;
  const first = await lookUpPublication(db, slug);
  if (!first) return null;
  // The generation is read before the second look-up, so a change committed
  // after it shows as a newer generation on the next request.
  const generation = await tableGeneration(first.view.tableId);
  const publication = await lookUpPublication(db, slug);
  if (!publication) return null;
  if (memo.size >= memoLimit) memo.delete(memo.keys().next().value!);
  memo.set(slug, { at: Date.now(), generation, publication });
  return publication;
}

async function lookUpPublication(db: Db, slug: string): Promise<Publication | null> {
  const [found] = await db
    .select({ view: views, share: viewShares })
    .from(viewShares)
    .innerJoin(views, eq(views.id, viewShares.viewId))
    .where(and(eq(viewShares.slug, slug), eq(viewShares.enabled, true)));
  if (!found) return null;
  const table = await loadTable(db, found.view.tableId).catch(() => null);
  return { view: viewMeta(found.view), share: found.share, table };
}
