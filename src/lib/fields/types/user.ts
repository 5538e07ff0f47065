import { z } from "zod";
import { type FieldTypeDefinition, invalid, ok } from "../field-type";

const userIdPattern = /^[a-z2-7]{16}$/;

export type UserOptions = { multiple: boolean };

/**
 * People of the workspace. In: user ids, or `{ id }` objects as read back.
 * Out: `[{ id, name }]`. Only members may be chosen: without the workspace's
 * members to check against, every value is refused (fail closed).
 */
export const user: FieldTypeDefinition<UserOptions> = {
  type: "user",
  label: "User",
  options: z.object({ multiple: z.boolean().default(false) }).strict(),
  storage: () => ({ kind: "column", sqlType: "text[]" }),
  readOnly: false,
  toDb(value, options, context) {
    if (value === null || value === undefined || value === "") return ok(null);
    const list = Array.isArray(value) ? value : [value];
    const ids: string[] = [];
    for (const item of list) {
      const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : item;
      if (typeof id !== "string" || !userIdPattern.test(id)) return invalid("expected user ids");
      if (!context?.memberIds.has(id)) return invalid(`user ${id} is not a member of this workspace`);
      if (!ids.includes(id)) ids.push(id);
    }
    if (!options.multiple && ids.length > 1) return invalid("takes at most one user");
    return ok(ids.length > 0 ? ids : null);
  },
  fromText: (text) => text.split(",").map((part) => part.trim()).filter(Boolean),
  // Read with the users' names joined in, in the order they were chosen.
  selectCast: "users",
  fromDb: (raw) => (Array.isArray(raw) ? raw.map((u: { id: string; name: string }) => ({ id: u.id, name: u.name })) : []),
  comparable: (value) => (Array.isArray(value) ? value.map((v) => (typeof v === "object" && v !== null ? (v as { id: unknown }).id : v)) : []),
  operators: ["has_any_of", "has_all_of", "is_empty", "is_not_empty"],
  canBePrimary: false,
};
