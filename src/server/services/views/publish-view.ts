import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../../db";
import { viewShares } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { tableChanged } from "../../events/table-changes";
import { AppError } from "../../errors";
import { randomBase32 } from "../../ids";
import { loadViewShare, publishedPath, shareOutput, type ViewMeta } from "./view-meta";

export const slugPattern = /^[a-z0-9-]{3,64}$/;

export type PublishInput = { enabled: boolean; auth: "public" | "api_key"; slug?: string; rotateKey?: boolean };

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** Whether `key` is the view's key (constant time). */
export function keyMatches(keyHash: string | null, key: string | null): boolean {
  if (!keyHash || !key) return false;
  const given = Buffer.from(hashKey(key), "hex");
  const stored = Buffer.from(keyHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/**
 * Publishes a view as a read-only JSON API (a form: as a public form), or
 * stops publishing it. In api_key mode a key is made when the view enters that
 * mode or when `rotateKey` is asked, shown in this answer only; just its
 * SHA-256 is kept. Audited as view.publish (no key, no hash).
 */
export async function publishView(db: Db, params: { view: ViewMeta; input: PublishInput; actor: AuditActor }) {
  const { view, input } = params;
  if (input.slug !== undefined && !slugPattern.test(input.slug)) {
    throw new AppError("BAD_REQUEST", "slug: use 3 to 64 lowercase letters, digits and dashes", { field: "slug" });
  }
  const result = await db.transaction(async (tx) => {
    const current = await loadViewShare(tx, view.id);
    const slug = input.slug ?? current?.slug ?? `${view.id.slice(0, 8)}-${randomBase32(5)}`;
    const [taken] = await tx
      .select({ viewId: viewShares.viewId })
      .from(viewShares)
      .where(and(eq(viewShares.slug, slug), ne(viewShares.viewId, view.id)));
    if (taken) throw new AppError("CONFLICT", `The slug "${slug}" is taken`, { field: "slug" });
    let key: string | undefined;
    let keyHash = input.auth === "api_key" ? (current?.keyHash ?? null) : null;
    if (input.auth === "api_key" && input.enabled && (!keyHash || current?.auth !== "api_key" || input.rotateKey)) {
      key = `tsk_${randomBytes(32).toString("base64url")}`;
      keyHash = hashKey(key);
    }
    const values = { slug, enabled: input.enabled, auth: input.auth, keyHash };
    const [share] = current
      ? await tx.update(viewShares).set(values).where(eq(viewShares.viewId, view.id)).returning()
      : await tx.insert(viewShares).values({ viewId: view.id, createdBy: params.actor.userId, ...values }).returning();
    await recordAudit(tx, params.actor, {
      workspaceId: view.workspaceId,
      action: "view.publish",
      resourceType: "view",
      resourceId: view.id,
      before: shareOutput(view, current),
      after: { ...shareOutput(view, share), keyRotated: key !== undefined },
    });
    return { slug, url: publishedPath(view, slug), enabled: input.enabled, auth: input.auth, ...(key && { key }) };
  });
  // Cached answers of the old settings must not be served.
  await tableChanged({ workspaceId: view.workspaceId, tableId: view.tableId, kind: "views" });
  return result;
}
