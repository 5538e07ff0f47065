import "server-only";
import { z } from "zod";
import { idInput, nameInput } from "../../api/inputs";
import { planParams } from "../../api/routers/rows";
import { importColumnsInput } from "@/lib/csv/import-columns";
import { importMappingInput } from "@/lib/csv/import-mapping";
import { shapes } from "./api-shapes";
import { docsAssetNames } from "./docs-page";
import type { ProcedurePath } from "./procedure-input";
import { publicDataQuery } from "../public-views";

export type JsonSchema = Record<string, unknown>;

export const tags = [
  "Auth",
  "Workspaces",
  "Members",
  "API tokens",
  "Bases",
  "Tables",
  "Fields",
  "Rows",
  "Import and export",
  "Files",
  "Views",
  "Trash",
  "Audit",
  "Connections",
  "Published views",
  "Meta",
] as const;
export type Tag = (typeof tags)[number];

/**
 * The OpenAPI description of one REST route (a row of `routes` in
 * ../routes.ts, keyed "METHOD /pattern"). Its request schema is the zod
 * input of the procedure the handler calls, never a copy:
 * - path parameters are the pattern's `{names}`, taken from that input;
 * - `query` names the input keys read from the query string (on GET: every
 *   other key, unless given);
 * - whatever remains is the JSON body (or, with `bodyKey`, that one key's
 *   value is the whole body).
 */
export type OperationSpec = {
  summary: string;
  description?: string;
  tags: [Tag, ...Tag[]];
  /** Defaults to the procedure's path ("row.list"); required where two routes share a procedure or there is none. */
  operationId?: string;
  /** The tRPC procedure the handler calls, whose zod input validates the request. */
  procedure?: ProcedurePath;
  /** When the handler maps the request onto the procedure's input differently (renamed or nested keys), the REST input built from the procedure's own schema pieces. */
  reshape?: (input: z.ZodObject) => z.ZodObject;
  /** For handlers without a procedure: the zod schemas (shared pieces) of what they read from the path and query string. */
  input?: z.ZodObject;
  query?: readonly string[];
  bodyKey?: string;
  /** A body that is not JSON (CSV, a file), described by hand. */
  rawBody?: { description: string; content: Record<string, { schema: JsonSchema }> };
  success: {
    status: number;
    description?: string;
    /** JSON answer; shapes from ./api-shapes become shared components. */
    schema?: z.ZodType;
    /** A non-JSON answer, described by hand. */
    content?: Record<string, { schema: JsonSchema }>;
    headers?: Record<string, { description: string; schema: JsonSchema }>;
  };
  /**
   * Error statuses beyond those implied: 400 with any input, 401 and 403
   * unless public, 404 with path parameters, 413 with a body.
   */
  errors?: number[];
  /** Responses described by hand (304, …). */
  responses?: Record<string, unknown>;
  /** Default: an API token or a session. */
  access?: "session" | "public" | "optional" | "viewKey";
};

const list = <K extends string>(key: K, item: z.ZodType) => z.looseObject({ [key]: z.array(item) } as Record<K, z.ZodArray<z.ZodType>>);
const deleted = z.looseObject({ deleted: z.number().int().meta({ description: "How many rows went to the trash" }) });
const userAnswer = z.looseObject({ user: shapes.User });
const csvBody = {
  description: "The CSV file itself (comma, semicolon or tab separated; the first line names the columns)",
  content: { "text/csv": { schema: { type: "string" } }, "application/octet-stream": { schema: { type: "string", format: "binary" } } },
};
const rowsDescription =
  "Filter, sort and fields are JSON in the query string, e.g. `filter={\"and\":[{\"field\":\"Status\",\"op\":\"eq\",\"value\":\"Done\"}]}` and `sort=[{\"field\":\"Due\",\"dir\":\"asc\"}]`. Pages are keyset cursors: pass `nextCursor` back as `cursor`.";

/** Every route of ../routes.ts. The OpenAPI test fails, naming it, for a route missing here (or an entry without a route). */
export const operations: Record<string, OperationSpec> = {
  "POST /auth/signup": {
    summary: "Create an account (and sign in)",
    description: "Sets the session cookie. Passwords have at least 8 characters.",
    tags: ["Auth"],
    procedure: "auth.signUp",
    access: "public",
    success: { status: 201, schema: userAnswer },
    errors: [409, 429],
  },
  "POST /auth/login": {
    summary: "Sign in",
    description: "Sets the session cookie. Wrong credentials answer 401 whether or not the email exists.",
    tags: ["Auth"],
    procedure: "auth.signIn",
    access: "public",
    success: { status: 200, schema: userAnswer },
    errors: [401, 429],
  },
  "POST /auth/logout": {
    summary: "Sign out",
    description: "Ends this session server-side (`all: true` ends every session of the user) and clears the cookie.",
    tags: ["Auth"],
    procedure: "auth.signOut",
    access: "optional",
    success: { status: 204 },
  },
  "GET /auth/me": {
    summary: "The signed-in user (for an API token, its creator)",
    tags: ["Auth"],
    procedure: "auth.me",
    success: { status: 200, schema: userAnswer },
  },

  "GET /workspaces": {
    summary: "The caller's workspaces, with their role",
    tags: ["Workspaces"],
    procedure: "workspace.list",
    success: { status: 200, schema: list("workspaces", shapes.WorkspaceSummary) },
  },
  "POST /workspaces": {
    summary: "Create a workspace (the creator is its owner)",
    description: "People only: an API token acts inside its one workspace.",
    tags: ["Workspaces"],
    procedure: "workspace.create",
    access: "session",
    success: { status: 201, schema: shapes.Workspace },
  },
  "GET /workspaces/{workspaceId}": {
    summary: "A workspace, with the caller's role",
    tags: ["Workspaces"],
    procedure: "workspace.get",
    success: { status: 200, schema: shapes.WorkspaceSummary },
  },
  "PATCH /workspaces/{workspaceId}": {
    summary: "Rename a workspace",
    tags: ["Workspaces"],
    procedure: "workspace.rename",
    success: { status: 200, schema: shapes.Workspace },
  },
  "DELETE /workspaces/{workspaceId}": {
    summary: "Delete a workspace and everything in it (owners)",
    tags: ["Workspaces"],
    procedure: "workspace.delete",
    success: { status: 204 },
  },

  "GET /workspaces/{workspaceId}/members": {
    summary: "Members of a workspace",
    tags: ["Members"],
    procedure: "member.list",
    success: { status: 200, schema: list("members", shapes.Member) },
  },
  "POST /workspaces/{workspaceId}/members": {
    summary: "Add an existing user as a member",
    description: "Admins add members below their own role; 404 when no user has that email.",
    tags: ["Members"],
    procedure: "member.add",
    success: { status: 201, schema: shapes.Member },
    errors: [409],
  },
  "PATCH /workspaces/{workspaceId}/members/{userId}": {
    summary: "Change a member's role",
    tags: ["Members"],
    procedure: "member.updateRole",
    success: { status: 200, schema: shapes.Member },
    errors: [409],
  },
  "DELETE /workspaces/{workspaceId}/members/{userId}": {
    summary: "Remove a member (or leave)",
    tags: ["Members"],
    procedure: "member.remove",
    success: { status: 204 },
    errors: [409],
  },

  "GET /workspaces/{workspaceId}/tokens": {
    summary: "API tokens of a workspace (never their secret)",
    tags: ["API tokens"],
    procedure: "token.list",
    success: { status: 200, schema: list("tokens", shapes.ApiToken) },
  },
  "POST /workspaces/{workspaceId}/tokens": {
    summary: "Create an API token",
    description: "The token is shown once; only a hash is stored. It acts with `role` (default editor) in this workspace only.",
    tags: ["API tokens"],
    procedure: "token.create",
    success: { status: 201, schema: shapes.CreatedApiToken },
  },
  "DELETE /workspaces/{workspaceId}/tokens/{tokenId}": {
    summary: "Revoke an API token",
    tags: ["API tokens"],
    procedure: "token.revoke",
    success: { status: 204 },
  },

  "GET /bases": {
    summary: "Bases of a workspace",
    tags: ["Bases"],
    procedure: "base.list",
    success: { status: 200, schema: list("bases", shapes.Base) },
  },
  "POST /bases": { summary: "Create a base", tags: ["Bases"], procedure: "base.create", success: { status: 201, schema: shapes.Base } },
  "GET /bases/{baseId}": { summary: "A base", tags: ["Bases"], procedure: "base.get", success: { status: 200, schema: shapes.Base } },
  "PATCH /bases/{baseId}": { summary: "Rename a base", tags: ["Bases"], procedure: "base.rename", success: { status: 200, schema: shapes.Base } },
  "DELETE /bases/{baseId}": { summary: "Delete a base", tags: ["Bases"], procedure: "base.delete", success: { status: 204 } },

  "POST /tables/import": {
    summary: "Create a table from a CSV file",
    description:
      "Field types are inferred (number, boolean, date, datetime, email, url, single select for few distinct values, else text), unless `columns` chooses them. " +
      "A value that does not fit a chosen type leaves its cell empty (listed in `emptied`); a record that cannot be read is refused (listed in `rejected`). All or nothing.",
    tags: ["Import and export", "Tables"],
    operationId: "table.importNew",
    input: z.object({
      baseId: idInput,
      name: nameInput.optional().meta({ description: "Default: \"Imported table\"" }),
      columns: importColumnsInput.optional().meta({
        description:
          "Per column, by its header (as field names are derived from it: trimmed, a blank one is \"Field N\", a repeated one \"Name (2)\"): " +
          "`name` for the field, `type` instead of the inferred one, or `skip: true`. Unlisted columns are imported as inferred. " +
          "An unknown header or type, a header listed twice, two fields of one name or nothing left to import is a 400.",
      }),
    }),
    query: ["baseId", "name", "columns"],
    rawBody: csvBody,
    success: {
      status: 201,
      schema: z.looseObject({
        table: shapes.Table,
        ...shapes.ImportResult.shape,
        emptied: z
          .array(z.looseObject({ line: z.number().int(), field: z.string(), reason: z.string() }))
          .meta({ description: "The first cells left empty because their value did not fit the column's chosen type (see emptiedTotal)" }),
        emptiedTotal: z.number().int(),
      }),
    },
    errors: [404],
  },
  "POST /tables/{tableId}/import": {
    summary: "Append a CSV file's rows to a table",
    description:
      "Columns are matched to fields by header name (ignoring case and spaces), unless `columns` maps them; unmatched columns are listed in `ignoredColumns`. " +
      "Without `columns`, a record with a value its field refuses is refused whole (listed in `rejected`); with `columns`, such a cell is left empty and listed in `emptied`, the rest of its row written. All or nothing.",
    tags: ["Import and export", "Rows"],
    operationId: "table.importRows",
    input: z.object({
      tableId: idInput,
      columns: importMappingInput.optional().meta({
        description:
          "Per column, by its header (derived as for a new table's `columns`): `field` (a field id) to fill, or `skip: true`. Unlisted columns are matched by name. " +
          "An unknown header, a header listed twice, an unknown or hidden field id, a field a file cannot fill (links, people, files, computed), two columns for one field or nothing left to import is a 400.",
      }),
    }),
    query: ["columns"],
    rawBody: csvBody,
    success: {
      status: 200,
      schema: z.looseObject({
        ...shapes.ImportResult.shape,
        ignoredColumns: z.array(z.number().int()).optional(),
        emptied: z
          .array(z.looseObject({ line: z.number().int(), field: z.string(), reason: z.string() }))
          .optional()
          .meta({ description: "With `columns`: the first cells left empty because their value did not fit the field (see emptiedTotal)" }),
        emptiedTotal: z.number().int().optional(),
      }),
    },
  },
  "GET /tables/{tableId}/export": {
    summary: "Export a table's rows as CSV",
    description: "Takes the rows list's filter, sort, search and fields, so a grid exports as shown.",
    tags: ["Import and export", "Rows"],
    operationId: "table.exportCsv",
    input: z.object({ tableId: idInput, filter: planParams.filter, sort: planParams.sort, search: planParams.search, fields: planParams.fields }),
    success: {
      status: 200,
      description: "The CSV file (a download)",
      content: { "text/csv": { schema: { type: "string" } } },
      headers: { "Content-Disposition": { description: "`attachment; filename=\"<table name>.csv\"`", schema: { type: "string" } } },
    },
  },

  "POST /files": {
    summary: "Upload a file (for an attachment field)",
    description: "Send the content as the body with its Content-Type; put the returned id in an attachment cell.",
    tags: ["Files"],
    operationId: "file.upload",
    input: z.object({ workspaceId: idInput, name: z.string().max(255).optional().meta({ description: "The file's name (default \"file\")" }) }),
    query: ["workspaceId", "name"],
    rawBody: { description: "The file's content", content: { "*/*": { schema: { type: "string", format: "binary" } } } },
    success: { status: 201, schema: shapes.FileInfo },
    errors: [404],
  },
  "GET /files/{fileId}": {
    summary: "Download a file",
    description: "Images are served inline, anything else as an attachment; never sniffed.",
    tags: ["Files"],
    operationId: "file.download",
    input: z.object({ fileId: idInput }),
    success: { status: 200, description: "The file's content, with its type", content: { "*/*": { schema: { type: "string", format: "binary" } } } },
  },

  "GET /tables": { summary: "Tables of a base", tags: ["Tables"], procedure: "table.list", success: { status: 200, schema: list("tables", shapes.Table) } },
  "POST /tables": {
    summary: "Create a table",
    description: "The first field is the primary field (a text field named Name when none is given).",
    tags: ["Tables"],
    procedure: "table.create",
    success: { status: 201, schema: shapes.Table },
    errors: [409],
  },
  "GET /tables/{tableId}": { summary: "A table and its fields", tags: ["Tables"], procedure: "table.get", success: { status: 200, schema: shapes.Table } },
  "PATCH /tables/{tableId}": { summary: "Rename a table", tags: ["Tables"], procedure: "table.rename", success: { status: 200, schema: shapes.Table }, errors: [409] },
  "DELETE /tables/{tableId}": { summary: "Move a table to the trash", tags: ["Tables"], procedure: "table.delete", success: { status: 204 } },
  "GET /tables/{tableId}/rules": {
    summary: "Field and row rules per role (admins)",
    tags: ["Tables"],
    procedure: "table.rules",
    success: { status: 200, schema: z.looseObject({ rules: shapes.TableRules }) },
  },
  "PUT /tables/{tableId}/rules": {
    summary: "Replace the field and row rules (admins)",
    description: "Per role, fields hidden or read-only, and the filter a row must match to be seen or written (`\"$me\"` stands for the caller).",
    tags: ["Tables"],
    procedure: "table.setRules",
    bodyKey: "rules",
    success: { status: 200, schema: z.looseObject({ rules: shapes.TableRules }) },
  },

  "POST /tables/{tableId}/fields": {
    summary: "Add a field",
    tags: ["Fields"],
    procedure: "table.createField",
    success: { status: 201, schema: shapes.Field },
    errors: [409],
  },
  "PATCH /tables/{tableId}/fields/{fieldId}": {
    summary: "Rename a field, change its options or its type",
    description: "A type change converts the stored values (preview it first).",
    tags: ["Fields"],
    procedure: "table.updateField",
    success: { status: 200, schema: shapes.Field },
    errors: [409],
  },
  "POST /tables/{tableId}/fields/{fieldId}/preview-conversion": {
    summary: "What changing a field's type would do",
    tags: ["Fields"],
    procedure: "table.previewFieldConversion",
    success: {
      status: 200,
      schema: z.looseObject({
        type: z.string(),
        options: z.unknown(),
        values: z.number().int().meta({ description: "Non-empty values" }),
        failing: z.number().int().meta({ description: "Values that will not convert (they become empty)" }),
        examples: z.array(z.looseObject({ rowId: z.string(), value: z.string(), reason: z.string() })),
      }),
    },
  },
  "DELETE /tables/{tableId}/fields/{fieldId}": {
    summary: "Move a field to the trash",
    tags: ["Fields"],
    procedure: "table.deleteField",
    success: { status: 204 },
    errors: [409],
  },

  "GET /tables/{tableId}/rows": {
    summary: "List rows (filter, sort, search, fields, keyset pages)",
    description: rowsDescription,
    tags: ["Rows"],
    procedure: "row.list",
    success: { status: 200, schema: shapes.RowPage },
  },
  "GET /tables/{tableId}/rows/explain": {
    summary: "PostgreSQL's plan for a page of rows (admins)",
    tags: ["Rows"],
    procedure: "row.explain",
    success: { status: 200, schema: z.looseObject({ plan: z.unknown() }) },
  },
  "POST /tables/{tableId}/aggregate": {
    summary: "Grouped aggregates",
    description: "`count` needs no field; other functions name one. Rows are narrowed by `filter` and the caller's row rules.",
    tags: ["Rows"],
    procedure: "row.aggregate",
    query: ["fieldKey"],
    success: { status: 200, schema: shapes.AggregateGroups },
  },
  "POST /tables/{tableId}/rows": {
    summary: "Create rows (at most 1000)",
    description: "A bad value for a field's type answers 400 naming the field; nothing is written.",
    tags: ["Rows"],
    procedure: "row.create",
    query: ["fieldKey"],
    success: { status: 201, schema: shapes.Rows },
  },
  "PATCH /tables/{tableId}/rows": {
    summary: "Update rows (at most 1000)",
    description:
      "`expected` holds the values the client believes it replaces: if a cell no longer holds that value, the whole request is refused with 409 and `details.rows`, the current rows.",
    tags: ["Rows"],
    procedure: "row.update",
    query: ["fieldKey"],
    success: { status: 200, schema: shapes.Rows },
    errors: [409],
  },
  "DELETE /tables/{tableId}/rows": {
    summary: "Move rows to the trash",
    tags: ["Rows"],
    procedure: "row.delete",
    success: { status: 200, schema: deleted },
  },
  "GET /tables/{tableId}/rows/{rowId}": { summary: "A row", tags: ["Rows"], procedure: "row.get", success: { status: 200, schema: shapes.Row } },
  "PATCH /tables/{tableId}/rows/{rowId}": {
    summary: "Update a row",
    description: "The body is one row of the bulk update, without its id.",
    tags: ["Rows"],
    operationId: "row.updateOne",
    procedure: "row.update",
    reshape: (input) => {
      const row = (input.shape.rows as z.ZodArray<z.ZodObject>).element;
      return z.object({ tableId: input.shape.tableId, rowId: row.shape.id, fieldKey: input.shape.fieldKey, fields: row.shape.fields, expected: row.shape.expected });
    },
    query: ["fieldKey"],
    success: { status: 200, schema: shapes.Row },
    errors: [409],
  },
  "DELETE /tables/{tableId}/rows/{rowId}": {
    summary: "Move a row to the trash",
    tags: ["Rows"],
    operationId: "row.deleteOne",
    procedure: "row.delete",
    reshape: (input) => z.object({ tableId: input.shape.tableId, rowId: (input.shape.ids as z.ZodArray<z.ZodType>).element }),
    success: { status: 200, schema: deleted },
  },

  "GET /views": { summary: "Views of a table", tags: ["Views"], procedure: "view.list", success: { status: 200, schema: list("views", shapes.View) } },
  "POST /views": {
    summary: "Create a view",
    description: "`config` per type: kanban `{ stackFieldId }`, calendar `{ dateFieldId }`, timeline `{ startFieldId, endFieldId }`, gallery `{ coverFieldId? }`, form `{ fields: [{ fieldId, label?, help?, required? }] }`. Field references are names or ids.",
    tags: ["Views"],
    procedure: "view.create",
    success: { status: 201, schema: shapes.View },
  },
  "GET /views/{viewId}": { summary: "A view, with how it is published", tags: ["Views"], procedure: "view.get", success: { status: 200, schema: shapes.View } },
  "PATCH /views/{viewId}": { summary: "Change a view", tags: ["Views"], procedure: "view.update", success: { status: 200, schema: shapes.View } },
  "DELETE /views/{viewId}": { summary: "Delete a view", tags: ["Views"], procedure: "view.delete", success: { status: 204 } },
  "GET /views/{viewId}/data": {
    summary: "A page of a view's rows",
    description: `Request-time filters are ANDed with the view's own; a request sort replaces the view's. Kanban views answer \`groups=1\` with their stacks; calendar and timeline views take a \`from\`..\`to\` window (YYYY-MM-DD). ${rowsDescription}`,
    tags: ["Views", "Rows"],
    procedure: "view.data",
    success: { status: 200, schema: shapes.ViewData },
  },
  "POST /views/{viewId}/order": {
    summary: "Place a kanban card after another (manual order)",
    description:
      "`{ rowId, after }`: the row follows `after` in its stack (`null`: first). Only views with a manual order (kanban) and no sort; external tables answer 400. Moving the card to another stack is a row update of the stack field.",
    tags: ["Views"],
    procedure: "view.moveRow",
    success: { status: 200, schema: z.looseObject({ rowId: z.string(), after: z.string().nullable(), rank: z.string() }) },
  },
  "GET /views/{viewId}/form": { summary: "A form view's questions", tags: ["Views"], procedure: "view.form", success: { status: 200, schema: shapes.FormDefinition } },
  "POST /views/{viewId}/submit": {
    summary: "Submit a form view (creates a row)",
    description: "Only the form's fields may be given, and its required ones must be filled in.",
    tags: ["Views", "Rows"],
    procedure: "view.submit",
    query: ["fieldKey"],
    success: { status: 201, schema: z.looseObject({ row: shapes.Row }) },
  },
  "POST /views/{viewId}/api": {
    summary: "Publish a view as a read-only JSON API (a form view: as a public form)",
    description: "With `auth: \"api_key\"` the answer holds the key, shown once (again with `rotateKey: true`). `enabled: false` unpublishes.",
    tags: ["Views", "Published views"],
    procedure: "view.publish",
    success: {
      status: 200,
      schema: z.looseObject({ ...shapes.ViewPublication.shape, key: z.string().optional().meta({ description: "Shown once" }) }),
    },
    errors: [409],
  },

  "GET /trash": {
    summary: "Tables in a workspace's trash",
    tags: ["Trash"],
    procedure: "trash.tables",
    success: { status: 200, schema: list("tables", z.looseObject({ id: z.string(), baseId: z.string(), name: z.string(), deletedAt: z.iso.datetime({ offset: true }) })) },
  },
  "GET /tables/{tableId}/trash": {
    summary: "A table's deleted fields and most recently deleted rows",
    tags: ["Trash"],
    procedure: "trash.ofTable",
    success: {
      status: 200,
      schema: z.looseObject({
        fields: z.array(z.looseObject({ id: z.string(), name: z.string(), type: z.string(), deletedAt: z.iso.datetime({ offset: true }) })),
        rows: z.array(z.looseObject({ ...shapes.Row.shape, deletedAt: z.iso.datetime({ offset: true }) })),
      }),
    },
  },
  "POST /tables/{tableId}/restore": {
    summary: "Restore a table from the trash",
    tags: ["Trash"],
    procedure: "trash.restoreTable",
    reshape: (input) => z.object({ tableId: input.shape.trashedTableId }),
    success: { status: 200, schema: shapes.Table },
    errors: [409],
  },
  "POST /tables/{tableId}/rows/restore": {
    summary: "Restore rows from the trash",
    tags: ["Trash"],
    procedure: "trash.restoreRows",
    success: { status: 200, schema: shapes.Rows },
    errors: [409],
  },
  "POST /tables/{tableId}/fields/{fieldId}/restore": {
    summary: "Restore a field from the trash",
    tags: ["Trash"],
    procedure: "trash.restoreField",
    success: { status: 200, schema: shapes.Field },
    errors: [409],
  },

  "GET /connections": {
    summary: "External connections of a workspace (never their credentials)",
    tags: ["Connections"],
    procedure: "connection.list",
    success: { status: 200, schema: list("connections", shapes.Connection) },
  },
  "POST /connections": {
    summary: "Connect an external PostgreSQL, MySQL/MariaDB or MongoDB database",
    description:
      "Give `url` (`postgres://user:password@host:5432/db?sslmode=require`, `mysql://…`, `mongodb://…`) or `host`, `port`, `user`, `password`, `database`. Credentials are encrypted at rest and never answered. Owners and Admins.",
    tags: ["Connections"],
    procedure: "connection.create",
    success: { status: 201, schema: shapes.Connection },
  },
  "GET /connections/{connectionId}": {
    summary: "A connection",
    tags: ["Connections"],
    procedure: "connection.get",
    success: { status: 200, schema: shapes.Connection },
  },
  "PUT /connections/{connectionId}": {
    summary: "Change a connection",
    description: "What is left out is kept (a rename does not resend the password). A changed address or login closes its pool and forgets its cached schema.",
    tags: ["Connections"],
    procedure: "connection.update",
    success: { status: 200, schema: shapes.Connection },
  },
  "DELETE /connections/{connectionId}": {
    summary: "Delete a connection (its credentials and cached schema with it)",
    tags: ["Connections"],
    procedure: "connection.delete",
    success: { status: 204 },
  },
  "POST /connections/{connectionId}/test": {
    summary: "Test a connection",
    description: "Connects within CONNECTION_CONNECT_TIMEOUT_MS. A failure is a 200 `{ ok: false, error }` saying what failed.",
    tags: ["Connections"],
    procedure: "connection.test",
    success: { status: 200, schema: shapes.ConnectionTest },
  },
  "GET /connections/{connectionId}/schema": {
    summary: "The connection's discovered schema",
    description: "Answered from the cache; discovered on first use, or again with `refresh=1`. An unreachable database answers 502.",
    tags: ["Connections"],
    procedure: "connection.schema",
    success: { status: 200, schema: shapes.ConnectionSchema },
    errors: [502],
  },
  "POST /connections/{connectionId}/schema/refresh": {
    summary: "Discover the connection's schema again",
    tags: ["Connections"],
    procedure: "connection.refreshSchema",
    success: { status: 200, schema: shapes.ConnectionSchema },
    errors: [502],
  },
  "POST /connections/{connectionId}/query": {
    summary: "Query an external table or collection",
    description:
      "`table` is `schema.table` (or a bare name when unambiguous); `filter`, `sort` and `fields` as for rows. At most CONNECTION_ROW_CAP rows a page, keyset pages by the primary key. A query over the time limit is cancelled and answers 422 (the request cannot be answered within the limit: narrow it); an unreachable database answers 502.",
    tags: ["Connections"],
    procedure: "connection.query",
    success: { status: 200, schema: shapes.ExternalRows },
    errors: [422, 502],
  },
  "POST /connections/{connectionId}/tables": {
    summary: "Add an external table or collection to a base",
    description:
      "`table` as for query. The table appears in the base with a field per discovered column; the table, row and view endpoints work on it (rows are written where it has a primary key and the connection is not read-only; row ids encode the primary key). Schema changes, CSV import and the row trash answer 400 on it.",
    tags: ["Connections"],
    procedure: "connection.addTable",
    success: { status: 201, schema: shapes.Table },
    errors: [404, 502],
  },

  "GET /audit": {
    summary: "The audit trail of a workspace, newest first",
    tags: ["Audit"],
    procedure: "audit.list",
    success: { status: 200, schema: z.looseObject({ entries: z.array(shapes.AuditEntry), nextCursor: z.string().nullable() }) },
  },
  "POST /audit/{auditEntryId}/revert": {
    summary: "Undo the change an audit entry records",
    description: "Row updates and deletes, field, table and view changes; the revert is itself audited. Needs the permission of the change itself.",
    tags: ["Audit"],
    procedure: "audit.revert",
    success: { status: 200, schema: z.looseObject({ reverted: z.string() }) },
    errors: [409],
  },

  "GET /openapi.json": {
    summary: "This document",
    tags: ["Meta"],
    operationId: "meta.openapi",
    access: "public",
    success: { status: 200, description: "The OpenAPI 3.1 document", content: { "application/json": { schema: { type: "object" } } } },
  },
  "GET /docs": {
    summary: "This document, rendered for people",
    tags: ["Meta"],
    operationId: "meta.docs",
    access: "public",
    success: { status: 200, description: "An HTML page", content: { "text/html": { schema: { type: "string" } } } },
  },
  "GET /docs/assets/{asset}": {
    summary: "The documentation page's scripts and styles",
    tags: ["Meta"],
    operationId: "meta.docsAsset",
    access: "public",
    input: z.object({ asset: z.enum(docsAssetNames) }),
    success: { status: 200, content: { "text/javascript": { schema: { type: "string" } }, "text/css": { schema: { type: "string" } } } },
  },
};

const slug = z.string().min(1).max(64).meta({ description: "The slug the view was published under" });

/** Served outside /api/v1 (paths are absolute): documented here all the same. */
export const externalOperations: Record<string, OperationSpec> = {
  "GET /public/views/{slug}/data": {
    summary: "Rows of a published view",
    description:
      "Hidden fields of the view never appear; request-time `filter` and `sort` only narrow and order within the view. Views published with `auth: \"api_key\"` need `Authorization: Bearer <key>`. Answers carry an ETag (`If-None-Match` gets 304) and are rate limited per view and client. CORS is open.",
    tags: ["Published views"],
    operationId: "publicView.data",
    access: "viewKey",
    // The endpoint's own query schema, so the two cannot drift.
    input: publicDataQuery.extend({ slug }),
    success: {
      status: 200,
      schema: shapes.ViewData,
      headers: { ETag: { description: "Send back as If-None-Match", schema: { type: "string" } } },
    },
    errors: [401, 429],
    responses: { "304": { description: "Not modified since the ETag sent in If-None-Match" } },
  },
  "GET /public/forms/{slug}/submission": {
    summary: "A public form's questions",
    description: "What the form page at `/public/forms/{slug}` (the URL publishing answers) asks; hidden and read-only fields never appear.",
    tags: ["Published views"],
    operationId: "publicForm.definition",
    access: "viewKey",
    input: z.object({ slug }),
    success: { status: 200, schema: shapes.FormDefinition },
    errors: [401, 429],
  },
  "POST /public/forms/{slug}/submission": {
    summary: "Submit a public form (creates a row, by nobody)",
    tags: ["Published views"],
    operationId: "publicForm.submit",
    access: "viewKey",
    procedure: "view.submit",
    reshape: (input) => z.object({ slug, fields: input.shape.fields }),
    success: { status: 201, schema: z.looseObject({ row: shapes.Row }) },
    errors: [401, 429],
  },
  "GET /api/health": {
    summary: "Liveness and readiness",
    tags: ["Meta"],
    operationId: "health",
    access: "public",
    success: { status: 200, schema: z.looseObject({ status: z.enum(["ok", "error"]) }) },
    responses: { "503": { description: "The database does not answer", content: { "application/json": { schema: { type: "object", properties: { status: { const: "error" } } } } } } },
  },
  "GET /api/health/detailed": {
    summary: "Health with the database's latency, uptime and version",
    tags: ["Meta"],
    operationId: "healthDetailed",
    access: "public",
    success: {
      status: 200,
      schema: z.looseObject({
        status: z.enum(["ok", "error"]),
        database: z.looseObject({ ok: z.boolean(), kind: z.string(), latencyMs: z.number().optional() }),
        uptimeSeconds: z.number(),
        version: z.string().nullable(),
      }),
    },
    responses: { "503": { description: "The database does not answer" } },
  },
};
