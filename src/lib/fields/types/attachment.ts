import { z } from "zod";
import { type FieldTypeDefinition, invalid, ok } from "../field-type";

const fileIdPattern = /^[a-z2-7]{16}$/;

export type Attachment = { id: string; name: string; url: string; size: number; type: string };

/**
 * Files uploaded to the workspace (POST /api/v1/files). In: file ids, or the
 * `{ id, ... }` objects read back. Out: `[{ id, name, url, size, type }]`.
 * Only files of the same workspace may be attached: without them to check
 * against, every value is refused (fail closed).
 */
export const attachment: FieldTypeDefinition<Record<string, never>> = {
  type: "attachment",
  label: "Attachment",
  options: z.object({}).strict(),
  storage: () => ({ kind: "column", sqlType: "text[]" }),
  readOnly: false,
  toDb(value, _options, context) {
    if (value === null || value === undefined || value === "") return ok(null);
    const list = Array.isArray(value) ? value : [value];
    const ids: string[] = [];
    for (const item of list) {
      const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : item;
      if (typeof id !== "string" || !fileIdPattern.test(id)) return invalid("expected ids of uploaded files");
      if (!context?.fileIds.has(id)) return invalid(`file ${id} was not uploaded to this workspace`);
      if (!ids.includes(id)) ids.push(id);
    }
    return ok(ids.length > 0 ? ids : null);
  },
  fromText: (text) => text.split(",").map((part) => part.trim()).filter(Boolean),
  // Read with each file's name, size and type joined in, in the order attached.
  selectCast: "files",
  fromDb: (raw) =>
    Array.isArray(raw)
      ? raw.map((f: Omit<Attachment, "url">) => ({ id: f.id, name: f.name, url: `/api/v1/files/${f.id}`, size: Number(f.size), type: f.type }))
      : [],
  comparable: (value) => (Array.isArray(value) ? value.map((v) => (typeof v === "object" && v !== null ? (v as { id: unknown }).id : v)) : []),
  operators: ["is_empty", "is_not_empty"],
  canBePrimary: false,
};
