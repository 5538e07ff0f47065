import { z } from "zod";
import type { FieldType } from "../fields/field-type";

export const viewTypes = ["grid", "kanban", "calendar", "timeline", "gallery", "form"] as const;
export type ViewType = (typeof viewTypes)[number];

/** What a view's setting needs of the field it names. */
export type FieldNeed = {
  /** Where in the config, for messages: "stackFieldId", "fields[2].fieldId". */
  path: string;
  /** The field types allowed there (absent: any). */
  types?: readonly FieldType[];
  /** The field must accept values (a form asks for it). */
  writable?: boolean;
};

/**
 * Resolves a field reference (an id or a name) of a view's config against the
 * table, returning the field's id, or throws naming the reference. The server
 * passes the table's live fields; the page can pass its copy of them.
 */
export type ResolveField = (ref: string, need: FieldNeed) => string;

const fieldRef = z.string().min(1).max(200);

/** Layout settings every view type may hold. */
export const layoutConfig = {
  fieldOrder: z.array(fieldRef).max(500).optional(),
  widths: z.record(fieldRef, z.number().int().min(20).max(2000)).optional(),
  rowHeight: z.enum(["short", "medium", "tall", "extra_tall"]).optional(),
};
export type LayoutConfig = { fieldOrder?: string[]; widths?: Record<string, number>; rowHeight?: "short" | "medium" | "tall" | "extra_tall" };

/**
 * One entry of the view-type registry: the zod schema of its config and the
 * fields the config names, with what each must be. `fields` returns the config
 * with every reference replaced by what `resolve` gives (field ids), so a
 * saved view keeps working when a field is renamed; `reject` refuses a
 * config that is well-formed but wrong for the table.
 */
/** A field a view type is set up with (kanban's stack field, a calendar's date), as a creation dialog asks for it; `types` in order of preference. */
export type FieldSetting = { key: string; label: string; types: readonly FieldType[]; optional?: boolean };

export type ViewTypeDefinition<C extends LayoutConfig = LayoutConfig> = {
  type: ViewType;
  label: string;
  /** What this view type is for, in a line. */
  description: string;
  /** The fields it is set up with, in the order a dialog asks for them. */
  setup: readonly FieldSetting[];
  config: z.ZodType<C>;
  fields: (config: C, resolve: ResolveField, reject: (message: string) => never) => C;
  /** Rows can be placed by hand (kanban cards within a stack); the order applies while the view has no sort. */
  manualOrder?: boolean;
};

/** The layout's field references, resolved (any field type). */
export function resolveLayout<C extends LayoutConfig>(config: C, resolve: ResolveField): C {
  return {
    ...config,
    ...(config.fieldOrder && { fieldOrder: config.fieldOrder.map((ref, i) => resolve(ref, { path: `fieldOrder[${i}]` })) }),
    ...(config.widths && {
      widths: Object.fromEntries(Object.entries(config.widths).map(([ref, width]) => [resolve(ref, { path: `widths.${ref}` }), width])),
    }),
  };
}
