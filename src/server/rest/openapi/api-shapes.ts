import "server-only";
import { z } from "zod";
import { connectionKinds, tlsModes } from "@/lib/connections/connection-kinds";
import { fieldTypes } from "@/lib/fields/field-type";
import { tableRulesInput } from "@/lib/query/table-rules";
import { roles } from "@/lib/roles";
import { viewTypes } from "@/lib/views/view-type";
import { errorStatus, type ErrorCode } from "../../errors";

/**
 * What the REST API answers (shared/API.md), as zod schemas: the OpenAPI
 * document's response schemas are generated from these, and the OpenAPI test
 * parses real answers with them, so a service that changes a shape fails a
 * test instead of silently contradicting the document. Objects are loose:
 * extra fields are allowed by the contract, missing ones are not.
 *
 * Each key of `shapes` becomes `components.schemas.<key>`.
 */

const id = z.string();
const instant = z.iso.datetime({ offset: true });
const role = z.enum(roles);

const User = z.looseObject({ id, email: z.string(), name: z.string() });
const Field = z.looseObject({
  id,
  name: z.string(),
  type: z.enum(fieldTypes),
  options: z.record(z.string(), z.unknown()).nullable().meta({ description: "Type-specific options: number `{ precision }`, selects `{ choices }`, link `{ tableId, multiple }`, …" }),
  readOnly: z.boolean().optional().meta({ description: "Present when field rules make the field read-only for the caller" }),
});
const Table = z.looseObject({ id, baseId: id, name: z.string(), primaryFieldId: id.nullable(), fields: z.array(Field) });
const Row = z.looseObject({
  id,
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
  fields: z.record(z.string(), z.unknown()).meta({
    description:
      "Cell values keyed by field name (or id with `fieldKey=id`): numbers as numbers, dates as ISO strings, selects by choice name, links and users as `[{ id, name }]`, attachments as `[{ id, name, url, size, type }]`",
  }),
});
const RowPage = z.looseObject({
  rows: z.array(Row),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }),
  total: z.number().int().optional().meta({ description: "With `withTotal=true`: every row matching the filter" }),
});
const Rows = z.looseObject({ rows: z.array(Row) });
const Workspace = z.looseObject({ id, name: z.string() });
const WorkspaceSummary = z.looseObject({ id, name: z.string(), role });
const Member = z.looseObject({ userId: id, email: z.string(), name: z.string(), role });
const ApiToken = z.looseObject({
  id,
  name: z.string(),
  role,
  createdBy: z.looseObject({ id, name: z.string() }),
  createdAt: instant,
  lastUsedAt: instant.nullable(),
});
const CreatedApiToken = z.looseObject({
  id,
  name: z.string(),
  role,
  token: z.string().meta({ description: "Shown once: only a hash is stored" }),
});
const Base = z.looseObject({ id, workspaceId: id, name: z.string(), createdAt: instant });
const ImportRejection = z.looseObject({ line: z.number().int(), reason: z.string() });
const ImportResult = z.looseObject({
  imported: z.number().int(),
  rejected: z.array(ImportRejection).meta({ description: "The first rejected lines (see rejectedTotal)" }),
  rejectedTotal: z.number().int().optional(),
});
const FileInfo = z.looseObject({ id, name: z.string(), url: z.string(), size: z.number().int(), type: z.string() });
const AuditEntry = z.looseObject({
  id,
  at: instant,
  userId: id.nullable(),
  tokenId: id.nullable().optional(),
  action: z.string().meta({ description: "row.create, row.update, table.create, field.update, member.add, …" }),
  resourceType: z.string(),
  resourceId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
const TableRules = tableRulesInput;
const AggregateGroups = z.looseObject({
  groups: z.array(
    z.looseObject({
      key: z.record(z.string(), z.unknown()).meta({ description: "The group's value of each groupBy field" }),
      values: z.record(z.string(), z.unknown()).meta({ description: "Each aggregate's result, by its `as` name" }),
    }),
  ),
});
const ViewPublication = z
  .looseObject({ slug: z.string(), enabled: z.boolean(), auth: z.enum(["public", "api_key"]), url: z.string() })
  .meta({ description: "How the view is published (never its key)" });
const View = z.looseObject({
  id,
  tableId: id,
  name: z.string(),
  type: z.enum(viewTypes),
  position: z.number().int(),
  filter: z.unknown().meta({ description: "The view's filter tree (or null)" }),
  sort: z.array(z.looseObject({ field: z.string(), dir: z.enum(["asc", "desc"]) })),
  groupBy: z.array(z.string()),
  hiddenFields: z.array(z.string()),
  config: z.record(z.string(), z.unknown()).meta({ description: "Per type: kanban `{ stackFieldId }`, calendar `{ dateFieldId }`, timeline `{ startFieldId, endFieldId }`, gallery `{ coverFieldId? }`, form `{ fields, title, … }`" }),
  createdBy: id.nullable(),
  createdAt: instant,
  updatedAt: instant,
  api: ViewPublication.nullable(),
});
const KanbanStacks = z.looseObject({
  groups: z.array(z.looseObject({ key: z.unknown().meta({ description: "The stack's choice (or user), null for the empty stack" }), count: z.number().int(), rows: z.array(Row) })),
});
const ViewData = z.union([RowPage, KanbanStacks]).meta({ description: "A page of rows; a kanban view asked for `groups=1` answers its stacks" });
const FormDefinition = z.looseObject({
  id,
  title: z.string(),
  description: z.string().nullable(),
  submitLabel: z.string(),
  fields: z.array(
    z.looseObject({
      id,
      name: z.string(),
      type: z.enum(fieldTypes),
      label: z.string(),
      help: z.string().nullable(),
      required: z.boolean(),
      options: z.record(z.string(), z.unknown()).meta({ description: "What the answer's input needs: `symbol`, `precision`, `max`, `timeZone`, `format` when the field has them" }),
      choices: z.array(z.looseObject({ name: z.string(), color: z.string().nullable() })).optional(),
    }),
  ),
});
const Connection = z.looseObject({
  id,
  workspaceId: id,
  name: z.string(),
  kind: z.enum(connectionKinds),
  host: z.string(),
  port: z.number().int().nullable(),
  database: z.string().nullable(),
  user: z.string().nullable(),
  readOnly: z.boolean(),
  tls: z.enum(tlsModes).nullable().meta({
    description: "TLS: `disable`, `prefer` (when offered), `require` (any certificate) or `verify` (certificate and host name checked); null when the stored configuration cannot be read",
  }),
  status: z.enum(["untested", "ok", "error"]).meta({ description: "What the last test or use found; `lastError` says why when `error`" }),
  lastError: z.string().nullable(),
  lastCheckedAt: instant.nullable().meta({ description: "When a test or use last reached (or failed to reach) the database" }),
});
const ConnectionTest = z.union([
  z.looseObject({ ok: z.literal(true), latencyMs: z.number() }),
  z.looseObject({
    ok: z.literal(false),
    error: z.string().meta({ description: "What failed, without any secret: host unreachable, wrong password, database missing, TLS required, …" }),
    reason: z.string(),
  }),
]);
const ExternalColumn = z.looseObject({
  name: z.string(),
  type: z.enum(["text", "long_text", "number", "boolean", "date", "datetime"]).meta({ description: "The Tessera field type the column is shown as" }),
  nativeType: z.string(),
  nullable: z.boolean(),
  mixed: z.boolean().optional().meta({ description: "MongoDB: values of several types were sampled" }),
});
const ConnectionSchema = z.looseObject({
  schemas: z.array(
    z.looseObject({
      name: z.string(),
      tables: z.array(
        z.looseObject({
          name: z.string(),
          kind: z.enum(["table", "view", "collection"]),
          primaryKey: z.array(z.string()),
          columns: z.array(ExternalColumn),
          foreignKeys: z.array(
            z.looseObject({
              columns: z.array(z.string()),
              references: z.looseObject({ schema: z.string(), table: z.string(), columns: z.array(z.string()) }),
            }),
          ),
        }),
      ),
    }),
  ),
  discoveredAt: instant,
});
const ExternalRows = z.looseObject({
  rows: z.array(z.record(z.string(), z.unknown())).meta({ description: "Rows keyed by column (MongoDB: dotted paths)" }),
  nextCursor: z.string().nullable(),
});
const ApiError = z
  .object({
    error: z.looseObject({
      code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown().optional().meta({ description: "Validation issues `{ issues: [{ path, message }] }`, the current rows of a CONFLICT, …" }),
    }),
  })
  .meta({ description: "Every error answer: never a stack trace" });

export const shapes = {
  User,
  Field,
  Table,
  Row,
  RowPage,
  Rows,
  Workspace,
  WorkspaceSummary,
  Member,
  ApiToken,
  CreatedApiToken,
  Base,
  ImportRejection,
  ImportResult,
  FileInfo,
  AuditEntry,
  TableRules,
  AggregateGroups,
  View,
  ViewPublication,
  ViewData,
  KanbanStacks,
  FormDefinition,
  Connection,
  ConnectionTest,
  ConnectionSchema,
  ExternalRows,
  Error: ApiError,
};
export type ShapeName = keyof typeof shapes;
