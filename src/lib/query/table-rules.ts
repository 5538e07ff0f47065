import { z } from "zod";
import type { Role } from "../roles";
import { filterInput } from "./plan";

/**
 * Field and row rules of a table, set by its admins (PRODUCT.md, "The query
 * plan"): per role, a field can be hidden or read-only, and rows limited to
 * those matching a filter. They bind editors and viewers; owners and admins,
 * who can change them, are not limited. In a row rule, the value `"$me"` stands for the
 * caller (for user, created-by and last-modified-by fields).
 */
// Admins set the rules (and read the audit trail), so rules bind editors and viewers only.
export const ruledRoles = ["editor", "viewer"] as const satisfies readonly Role[];
export type RuledRole = (typeof ruledRoles)[number];

export const currentUserToken = "$me";

export const fieldAccess = z.enum(["hidden", "read_only"]);
export type FieldAccess = z.infer<typeof fieldAccess>;

const perRole = <T extends z.ZodType>(schema: T) =>
  z.object({ editor: schema.optional(), viewer: schema.optional() }).strict();

export const tableRulesInput = z
  .object({
    /** Field id → role → access. */
    fields: z.record(z.string().max(64), perRole(fieldAccess)).default({}),
    /** Role → the filter a row must match to be seen or written by that role. */
    rows: perRole(filterInput).default({}),
  })
  .strict();
export type TableRules = z.infer<typeof tableRulesInput>;

/**
 * Rules as stored (older tables have `{}`). They were validated when saved;
 * should they ever not parse, reading fails rather than showing everything.
 */
export function readTableRules(stored: unknown): TableRules {
  return tableRulesInput.parse(stored ?? {});
}
