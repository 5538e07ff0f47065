import "server-only";
import { z } from "zod";
import { filterInput, sortInput } from "@/lib/query/plan";
import { viewTypes } from "@/lib/views/view-type";
import { loadTable } from "../../services/tables/table-meta";
import { createView } from "../../services/views/create-view";
import { deleteView } from "../../services/views/delete-view";
import { formDefinition, submitForm } from "../../services/views/form-view";
import { moveRowInView } from "../../services/views/move-row-in-view";
import { publishView } from "../../services/views/publish-view";
import { updateView } from "../../services/views/update-view";
import { readViewData } from "../../services/views/view-data";
import { listViews, loadView, loadViewShare, shareOutput, viewOutput } from "../../services/views/view-meta";
import { idInput, nameInput } from "../inputs";
import { createTRPCRouter, workspaceProcedure } from "../trpc";
import { planParams } from "./rows";

const fieldKey = z.enum(["name", "id"]).optional();
const fieldRef = z.string().min(1).max(200);
const viewRef = z.object({ viewId: idInput });
const flag = z.preprocess((v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v), z.boolean());

const settings = {
  type: z.enum(viewTypes),
  filter: filterInput.nullable().optional(),
  sort: sortInput.optional(),
  groupBy: z.array(fieldRef).max(5).optional(),
  hiddenFields: z.array(fieldRef).max(500).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
};

/** The view's table, live (a view of a table in the trash is not found). */
async function viewAndTable(db: Parameters<typeof loadView>[0], viewId: string) {
  const view = await loadView(db, viewId);
  return { view, table: await loadTable(db, view.tableId) };
}

export const viewRouter = createTRPCRouter({
  list: workspaceProcedure("table.read")
    .input(z.object({ tableId: idInput }))
    .query(async ({ ctx, input }) => {
      const table = await loadTable(ctx.db, input.tableId);
      return { views: await listViews(ctx.db, table.id) };
    }),

  get: workspaceProcedure("table.read")
    .input(viewRef)
    .query(async ({ ctx, input }) => {
      const { view } = await viewAndTable(ctx.db, input.viewId);
      return { ...viewOutput(view), api: shareOutput(view, await loadViewShare(ctx.db, view.id)) };
    }),

  create: workspaceProcedure("view.write")
    .input(z.object({ tableId: idInput, name: nameInput, ...settings }))
    .mutation(async ({ ctx, input }) => {
      const { tableId, ...rest } = input;
      const view = await createView(ctx.db, { table: await loadTable(ctx.db, tableId), input: rest, reader: ctx.reader, actor: ctx.auditActor });
      return { ...view, api: null };
    }),

  update: workspaceProcedure("view.write")
    .input(z.object({ viewId: idInput, name: nameInput.optional(), position: z.number().int().min(0).max(100_000).optional(), ...settings, type: settings.type.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { viewId, ...patch } = input;
      const { view, table } = await viewAndTable(ctx.db, viewId);
      const updated = await updateView(ctx.db, { view, table, patch, reader: ctx.reader, actor: ctx.auditActor });
      return { ...updated, api: shareOutput(view, await loadViewShare(ctx.db, view.id)) };
    }),

  delete: workspaceProcedure("view.write")
    .input(viewRef)
    .mutation(async ({ ctx, input }) => {
      await deleteView(ctx.db, { viewId: input.viewId, actor: ctx.auditActor });
      return { deleted: input.viewId };
    }),

  /** A page of the view's rows; kanban `groups` answers stacks, calendar and timeline take a `from`..`to` window. */
  data: workspaceProcedure("table.read")
    .input(
      viewRef.extend({
        filter: planParams.filter,
        sort: planParams.sort,
        search: planParams.search,
        limit: planParams.limit,
        cursor: planParams.cursor,
        offset: planParams.offset,
        withTotal: planParams.withTotal,
        fieldKey,
        groups: flag.optional(),
        from: z.string().max(10).optional(),
        to: z.string().max(10).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { viewId, ...params } = input;
      const { view, table } = await viewAndTable(ctx.db, viewId);
      return readViewData(ctx.db, view, table, ctx.reader, { ...params, actor: ctx.auditActor });
    }),

  /**
   * Places a card of a manually ordered view (kanban without a sort) after another card, or first (`after: null`).
   * Ordering a view is changing it, so it takes the view permission; the row must be one the caller can see.
   */
  moveRow: workspaceProcedure("view.write")
    .input(viewRef.extend({ rowId: z.string().min(1).max(64), after: z.string().min(1).max(64).nullable() }))
    .mutation(async ({ ctx, input }) => {
      const { view, table } = await viewAndTable(ctx.db, input.viewId);
      return moveRowInView(ctx.db, { view, table, reader: ctx.reader, actor: ctx.auditActor, input: { rowId: input.rowId, after: input.after } });
    }),

  /** A form's questions, as its members see them. */
  form: workspaceProcedure("table.read")
    .input(viewRef)
    .query(async ({ ctx, input }) => {
      const { view, table } = await viewAndTable(ctx.db, input.viewId);
      return formDefinition(view, table, ctx.reader);
    }),

  submit: workspaceProcedure("row.write")
    .input(viewRef.extend({ fields: z.record(z.string(), z.unknown()), fieldKey }))
    .mutation(async ({ ctx, input }) => {
      const { view, table } = await viewAndTable(ctx.db, input.viewId);
      return submitForm(ctx.db, { view, table, reader: ctx.reader, actor: ctx.auditActor, fields: input.fields, fieldKey: input.fieldKey });
    }),

  /** Publishes the view as a read-only JSON API (a form view: as a public form); the key is in this answer only. */
  publish: workspaceProcedure("view.share")
    .input(
      viewRef.extend({
        enabled: z.boolean(),
        auth: z.enum(["public", "api_key"]),
        slug: z.string().max(64).optional(),
        rotateKey: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { viewId, ...publish } = input;
      const { view } = await viewAndTable(ctx.db, viewId);
      return publishView(ctx.db, { view, input: publish, actor: ctx.auditActor });
    }),
});
