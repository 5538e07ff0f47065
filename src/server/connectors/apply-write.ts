import "server-only";
import type { FilterNode } from "@/lib/query/plan";
import { AppError } from "../errors";
import type { ExternalValues, ExternalWrite, ExternalWriteResult } from "./connector";

/** What each adapter can do to one row, inside the write's transaction where the database has them. */
export type RowStatements = {
  /** The row by its key (and inside `within`) as queries read it; locked for the rest of the transaction when `lock` is set. */
  read(key: ExternalValues, lock: boolean, within?: FilterNode): Promise<ExternalValues | null>;
  /** Inserts and answers the new row's key. */
  insert(values: ExternalValues): Promise<ExternalValues>;
  /** Rows affected (0 when the key or an expected cell no longer matches). */
  update(key: ExternalValues, values: ExternalValues, expected: ExternalValues): Promise<number>;
  remove(key: ExternalValues, expected: ExternalValues): Promise<number>;
};

/**
 * One row write the same way on every database: the row read (and locked)
 * before, the change applied only where the key and the expected cells
 * still match, the row read again after. A change that matched nothing
 * leaves the current row in `before`, for the conflict answer.
 */
export async function applyWrite(write: ExternalWrite, rows: RowStatements): Promise<ExternalWriteResult> {
  const { within } = write;
  // Thrown inside the transaction, so the change is rolled back (MongoDB, which has none here, keeps it).
  const inside = async (key: ExternalValues) => {
    const after = await rows.read(key, false, within);
    if (!after) throw new AppError("FORBIDDEN", "The change would put the row outside the rows your role may work on");
    return after;
  };
  switch (write.kind) {
    case "insert": {
      const key = await rows.insert(write.values);
      return { applied: true, before: null, after: await inside(key) };
    }
    case "update": {
      const before = await rows.read(write.key, true, within);
      if (!before || (await rows.update(write.key, write.values, write.expected)) === 0) return { applied: false, before, after: null };
      return { applied: true, before, after: await inside(write.key) };
    }
    case "delete": {
      const before = await rows.read(write.key, true, within);
      if (!before || (await rows.remove(write.key, write.expected)) === 0) return { applied: false, before, after: null };
      return { applied: true, before, after: null };
    }
    default: {
      const unknownWrite: never = write;
      throw new Error(`No write of kind ${String((unknownWrite as { kind: unknown }).kind)}`);
    }
  }
}
