import { z } from "zod";
import type { FieldType } from "../fields/field-type";
import { type FieldSetting, layoutConfig, type LayoutConfig, resolveLayout, type ViewType, type ViewTypeDefinition } from "./view-type";

const fieldRef = z.string().min(1).max(200);
const dateTypes = ["date", "datetime"] as const satisfies readonly FieldType[];

const grid: ViewTypeDefinition = {
  type: "grid",
  label: "Grid",
  description: "Rows and columns, edited like a spreadsheet",
  setup: [],
  config: z.object(layoutConfig).strict(),
  fields: resolveLayout,
};

type KanbanConfig = LayoutConfig & { stackFieldId: string };
const stackBy = { key: "stackFieldId", label: "Stack by", types: ["single_select", "user", "text"] } as const satisfies FieldSetting;
/**
 * Stacked by a single select (a stack per choice), a user field (a stack per
 * person) or a text field (a stack per value present: a mounted table's
 * columns are text, not selects).
 */
const kanban: ViewTypeDefinition<KanbanConfig> = {
  type: "kanban",
  label: "Kanban",
  description: "Cards in stacks by a single select, a person or a text value",
  setup: [stackBy],
  manualOrder: true,
  config: z.object({ ...layoutConfig, stackFieldId: fieldRef }).strict(),
  fields: (config, resolve) => ({
    ...resolveLayout(config, resolve),
    stackFieldId: resolve(config.stackFieldId, { path: stackBy.key, types: stackBy.types }),
  }),
};

type CalendarConfig = LayoutConfig & { dateFieldId: string; endDateFieldId?: string };
const calendarDate = { key: "dateFieldId", label: "Date field", types: dateTypes } as const satisfies FieldSetting;
const calendarEnd = { key: "endDateFieldId", label: "End date field", types: dateTypes, optional: true } as const satisfies FieldSetting;
/** A row sits on its date, or spans date..end date when there is an end. */
const calendar: ViewTypeDefinition<CalendarConfig> = {
  type: "calendar",
  label: "Calendar",
  description: "Rows on the days of a date field, by month or week",
  setup: [calendarDate, calendarEnd],
  config: z.object({ ...layoutConfig, dateFieldId: fieldRef, endDateFieldId: fieldRef.optional() }).strict(),
  fields: (config, resolve) => ({
    ...resolveLayout(config, resolve),
    dateFieldId: resolve(config.dateFieldId, { path: calendarDate.key, types: calendarDate.types }),
    ...(config.endDateFieldId && { endDateFieldId: resolve(config.endDateFieldId, { path: calendarEnd.key, types: calendarEnd.types }) }),
  }),
};

type TimelineConfig = LayoutConfig & { startFieldId: string; endFieldId: string };
const timelineStart = { key: "startFieldId", label: "Start date field", types: dateTypes } as const satisfies FieldSetting;
const timelineEnd = { key: "endFieldId", label: "End date field", types: dateTypes } as const satisfies FieldSetting;
const timeline: ViewTypeDefinition<TimelineConfig> = {
  type: "timeline",
  label: "Timeline",
  description: "Bars from a start to an end date, Gantt-style",
  setup: [timelineStart, timelineEnd],
  config: z.object({ ...layoutConfig, startFieldId: fieldRef, endFieldId: fieldRef }).strict(),
  fields: (config, resolve) => ({
    ...resolveLayout(config, resolve),
    startFieldId: resolve(config.startFieldId, { path: timelineStart.key, types: timelineStart.types }),
    endFieldId: resolve(config.endFieldId, { path: timelineEnd.key, types: timelineEnd.types }),
  }),
};

type GalleryConfig = LayoutConfig & { coverFieldId?: string };
const cover = { key: "coverFieldId", label: "Cover image field", types: ["attachment"], optional: true } as const satisfies FieldSetting;
const gallery: ViewTypeDefinition<GalleryConfig> = {
  type: "gallery",
  label: "Gallery",
  description: "Cards with a cover image",
  setup: [cover],
  config: z.object({ ...layoutConfig, coverFieldId: fieldRef.optional() }).strict(),
  fields: (config, resolve) => ({
    ...resolveLayout(config, resolve),
    ...(config.coverFieldId && { coverFieldId: resolve(config.coverFieldId, { path: cover.key, types: cover.types }) }),
  }),
};

const formField = z
  .object({
    fieldId: fieldRef,
    label: z.string().max(200).optional(),
    help: z.string().max(2000).optional(),
    required: z.boolean().optional(),
  })
  .strict();
export type FormField = z.infer<typeof formField>;
export type FormConfig = LayoutConfig & {
  fields: FormField[];
  title?: string;
  description?: string;
  submitLabel?: string;
};
/** The fields a form asks for, in order: only these may be submitted. */
const form: ViewTypeDefinition<FormConfig> = {
  type: "form",
  label: "Form",
  description: "A form that adds a row for each answer",
  setup: [],
  config: z
    .object({
      ...layoutConfig,
      fields: z.array(formField).max(200).default([]),
      title: z.string().max(200).optional(),
      description: z.string().max(5000).optional(),
      submitLabel: z.string().max(50).optional(),
    })
    .strict()
    .refine((c) => new Set(c.fields.map((f) => f.fieldId)).size === c.fields.length, { message: "A form asks for each field once" }),
  fields: (config, resolve, reject) => {
    const fields = config.fields.map((f, i) => ({ ...f, fieldId: resolve(f.fieldId, { path: `fields[${i}].fieldId`, writable: true }) }));
    if (new Set(fields.map((f) => f.fieldId)).size !== fields.length) reject("A form asks for each field once");
    return { ...resolveLayout(config, resolve), fields };
  },
};

/** The view-type registry: adding a view type means adding an entry here. */
export const viewTypeRegistry: { [T in ViewType]: ViewTypeDefinition<any> } = { grid, kanban, calendar, timeline, gallery, form };

export type ViewConfigOf = {
  grid: LayoutConfig;
  kanban: KanbanConfig;
  calendar: CalendarConfig;
  timeline: TimelineConfig;
  gallery: GalleryConfig;
  form: FormConfig;
};

/** Whether a view's rows follow its manual order: a type that has one, and no sort to follow instead. */
export function followsManualOrder(view: { type: ViewType; sort: readonly unknown[] }): boolean {
  return viewTypeRegistry[view.type].manualOrder === true && view.sort.length === 0;
}
