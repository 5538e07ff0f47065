import { z } from "zod";
import { type FieldTypeDefinition, invalid, ok } from "../field-type";

const id = z.string().regex(/^[a-z2-7]{16}$/);

/**
 * A link to rows of another table (or the same one). Two-way: creating one
 * gives the other table an inverse field; both read and write one junction
 * table, named after the field created first (`junctionFieldId`).
 */
export type LinkOptions = {
  tableId: string;
  multiple: boolean;
  /** Set by the server: the field on the other side, and which column of the junction is this side. */
  inverseFieldId?: string;
  junctionFieldId?: string;
  side?: "a" | "b";
};

const linkOptions = z
  .object({
    tableId: id,
    multiple: z.boolean().default(true),
    inverseFieldId: id.optional(),
    junctionFieldId: id.optional(),
    side: z.enum(["a", "b"]).optional(),
    /** For the inverse field's name on the other table; not stored. */
    inverseName: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

const rowIdPattern = /^[1-9]\d{0,17}$/;

export type LinkedRow = { id: string; name: string | null };

/** Linked rows in: row ids, or `{ id }` objects (as read back). Out: `[{ id, name }]`. */
export const link: FieldTypeDefinition<LinkOptions> = {
  type: "link",
  label: "Link to another record",
  options: linkOptions as z.ZodType<LinkOptions>,
  storage: () => ({ kind: "link" }),
  readOnly: false,
  toDb(value, options) {
    if (value === null || value === undefined || value === "") return ok([]);
    const list = Array.isArray(value) ? value : [value];
    const ids: string[] = [];
    for (const item of list) {
      const rowId = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : item;
      const text = typeof rowId === "number" ? String(rowId) : rowId;
      if (typeof text !== "string" || !rowIdPattern.test(text)) return invalid("expected row ids of the linked table");
      if (!ids.includes(text)) ids.push(text);
    }
    if (!options.multiple && ids.length > 1) return invalid("links to at most one row");
    return ok(ids);
  },
  // As text (CSV, paste): row ids separated by commas.
  fromText: (text) => text.split(",").map((part) => part.trim()).filter(Boolean),
  fromDb: (raw) => (Array.isArray(raw) ? (raw as LinkedRow[]).map((r) => ({ id: String(r.id), name: r.name ?? null })) : []),
  comparable: (value) => (Array.isArray(value) ? value.map((v) => String(typeof v === "object" && v !== null ? (v as { id: unknown }).id : v)) : []),
  operators: ["has_any_of", "has_all_of", "is_empty", "is_not_empty"],
  canBePrimary: false,
};
