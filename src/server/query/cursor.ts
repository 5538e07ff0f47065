import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "../errors";
import { rowIdPattern } from "../services/rows/row-codec";

/**
 * Keyset cursors, opaque to clients: the last row's sort-key values and id,
 * with a fingerprint of the order they belong to, so a cursor from another
 * sort is refused instead of silently skipping rows.
 */
type CursorData = { v: Array<string | null>; id: string; o: string };

export function orderFingerprint(order: unknown): string {
  return createHash("sha256").update(JSON.stringify(order)).digest("base64url").slice(0, 12);
}

export function encodeCursor(values: Array<string | null>, id: string, order: string): string {
  return Buffer.from(JSON.stringify({ v: values, id, o: order } satisfies CursorData)).toString("base64url");
}

export function decodeCursor(cursor: string, order: string, keyCount: number): { values: Array<string | null>; id: string } {
  let data: CursorData;
  try {
    data = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    throw new AppError("BAD_REQUEST", "Invalid cursor");
  }
  const valid =
    typeof data === "object" &&
    data !== null &&
    typeof data.id === "string" &&
    rowIdPattern.test(data.id) &&
    Array.isArray(data.v) &&
    data.v.length === keyCount &&
    data.v.every((v) => v === null || (typeof v === "string" && v.length <= 10_000));
  if (!valid) throw new AppError("BAD_REQUEST", "Invalid cursor");
  if (data.o !== order) throw new AppError("BAD_REQUEST", "This cursor belongs to another sort or filter; start again without it");
  return { values: data.v, id: data.id };
}
