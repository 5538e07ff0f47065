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

function parseCursor<T>(cursor: string): T {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString()) as T;
  } catch {
    throw new AppError("BAD_REQUEST", "Invalid cursor");
  }
}

const otherOrder = () => new AppError("BAD_REQUEST", "This cursor belongs to another sort or filter; start again without it");

export function decodeCursor(cursor: string, order: string, keyCount: number): { values: Array<string | null>; id: string } {
  const data = parseCursor<CursorData>(cursor);
  const valid =
    typeof data === "object" &&
    data !== null &&
    typeof data.id === "string" &&
    rowIdPattern.test(data.id) &&
    Array.isArray(data.v) &&
    data.v.length === keyCount &&
    data.v.every((v) => v === null || (typeof v === "string" && v.length <= 10_000));
  if (!valid) throw new AppError("BAD_REQUEST", "Invalid cursor");
  if (data.o !== order) throw otherOrder();
  return { values: data.v, id: data.id };
}

/**
 * An external table's page position: the last row's key values (ending in
 * its primary key), or, for a table without one, how many rows came before.
 * Each adapter says how its key values are written as JSON.
 */
export type KeysetPosition = { values: unknown[] } | { offset: number };
type KeysetData = { k?: unknown[]; n?: number; o: string };

export function encodeKeysetCursor(position: KeysetPosition, order: string): string {
  const data: KeysetData = "values" in position ? { k: position.values, o: order } : { n: position.offset, o: order };
  return Buffer.from(JSON.stringify(data)).toString("base64url");
}

export function decodeKeysetCursor(cursor: string, order: string, keyCount: number): KeysetPosition {
  const data = parseCursor<KeysetData>(cursor);
  if (typeof data !== "object" || data === null) throw new AppError("BAD_REQUEST", "Invalid cursor");
  if (data.o !== order) throw otherOrder();
  if (Array.isArray(data.k) && data.k.length === keyCount && keyCount > 0) return { values: data.k };
  if (typeof data.n === "number" && Number.isSafeInteger(data.n) && data.n >= 0 && keyCount === 0) return { offset: data.n };
  throw new AppError("BAD_REQUEST", "Invalid cursor");
}
