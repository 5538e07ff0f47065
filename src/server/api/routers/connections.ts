import "server-only";
import { z } from "zod";
import { connectionKinds, tlsModes } from "@/lib/connections/connection-kinds";
import { filterInput, sortInput } from "@/lib/query/plan";
import { connectionSchema } from "../../services/connections/connection-schema";
import { createConnection } from "../../services/connections/create-connection";
import { deleteConnection } from "../../services/connections/delete-connection";
import { getConnection, listConnections } from "../../services/connections/list-connections";
import { mountExternalTable } from "../../services/connections/mount-external-table";
import { queryConnection } from "../../services/connections/query-connection";
import { testConnection } from "../../services/connections/test-connection";
import { updateConnection } from "../../services/connections/update-connection";
import { idInput, jsonParam, nameInput } from "../inputs";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

// Where and how to log in: a URL, or its parts. Bounded, and never echoed in an error.
const connectionFields = {
  url: z.string().min(1).max(2000).optional(),
  host: z.string().trim().min(1).max(255).optional(),
  port: z.coerce.number().int().min(1).max(65_535).optional(),
  user: z.string().max(255).optional(),
  password: z.string().max(1024).optional(),
  database: z.string().max(255).optional(),
  tls: z.enum(tlsModes).optional(),
  readOnly: z.boolean().optional(),
};

const connectionRef = z.object({ connectionId: idInput });
const flag = z.preprocess((v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v), z.boolean());

// External connections (API.md): only Owners and Admins, for every operation,
// since each one can read anything the connected database user can.
export const connectionRouter = createTRPCRouter({
  list: workspaceProcedure("connection.manage")
    .input(z.object({ workspaceId: idInput }))
    .query(async ({ ctx, input }) => ({ connections: await listConnections(ctx.db, input.workspaceId) })),

  get: workspaceProcedure("connection.manage")
    .input(connectionRef)
    .query(({ ctx, input }) => getConnection(ctx.db, input.connectionId)),

  create: workspaceProcedure("connection.manage")
    .input(z.object({ workspaceId: idInput, name: nameInput, kind: z.enum(connectionKinds), ...connectionFields }))
    .mutation(({ ctx, input }) => {
      const { workspaceId, name, kind, ...fields } = input;
      return createConnection(ctx.db, { workspaceId, name, kind, input: fields, actor: ctx.auditActor });
    }),

  update: workspaceProcedure("connection.manage")
    .input(connectionRef.extend({ name: nameInput.optional(), ...connectionFields }))
    .mutation(({ ctx, input }) => {
      const { connectionId, name, ...fields } = input;
      return updateConnection(ctx.db, { connectionId, name, input: fields, actor: ctx.auditActor });
    }),

  delete: workspaceProcedure("connection.manage")
    .input(connectionRef)
    .mutation(({ ctx, input }) => deleteConnection(ctx.db, { connectionId: input.connectionId, actor: ctx.auditActor })),

  test: workspaceProcedure("connection.manage")
    .input(connectionRef)
    .mutation(({ ctx, input }) => testConnection(ctx.db, { connectionId: input.connectionId, actor: ctx.auditActor })),

  schema: workspaceProcedure("connection.manage")
    .input(connectionRef.extend({ refresh: flag.optional() }))
    .query(({ ctx, input }) => connectionSchema(ctx.db, { ...input, actor: ctx.auditActor })),

  refreshSchema: workspaceProcedure("connection.manage")
    .input(connectionRef)
    .mutation(({ ctx, input }) => connectionSchema(ctx.db, { connectionId: input.connectionId, refresh: true, actor: ctx.auditActor })),

  query: workspaceProcedure("connection.manage")
    .input(
      connectionRef.extend({
        table: z.string().min(1).max(500),
        filter: jsonParam(filterInput).optional(),
        sort: jsonParam(sortInput).optional(),
        fields: jsonParam(z.array(z.string().min(1).max(500)).max(500)).optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(),
        cursor: z.string().max(65_536).optional(),
      }),
    )
    .query(({ ctx, input }) => {
      const { connectionId, ...query } = input;
      return queryConnection(ctx.db, { connectionId, query, actor: ctx.auditActor });
    }),

  /** Mounts an external table into a base; afterwards the ordinary table roles apply to it. */
  addTable: workspaceProcedure("connection.manage")
    .input(connectionRef.extend({ baseId: idInput, table: z.string().min(1).max(500) }))
    .mutation(({ ctx, input }) => mountExternalTable(ctx.db, { ...input, actor: ctx.auditActor })),
});
