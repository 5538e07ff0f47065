import "server-only";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import type { FilterNode, SortSpec } from "@/lib/query/plan";
import { viewTypeRegistry } from "@/lib/views/registry";
import type { FieldNeed, ViewType } from "@/lib/views/view-type";
import { type Reader, tablePolicy } from "../../authz/table-policy";
import { AppError } from "../../errors";
import { findColumn, type PlanColumn, tableColumns } from "../../query/columns";
import { compileFilter, sortKeys } from "../../query/compile/postgres";
import { findField, type TableMeta } from "../tables/table-meta";

export type ViewSettingsInput = {
  type: ViewType;
  filter?: FilterNode | null;
  sort?: SortSpec;
  groupBy?: string[];
  hiddenFields?: string[];
  config?: unknown;
};

export type ViewSettings = {
  filter?: FilterNode | null;
  sort?: SortSpec;
  groupBy?: string[];
  hiddenFields?: string[];
  config?: Record<string, unknown>;
};

/**
 * Checks a view's settings against the table's live fields as the saving
 * member may see them, and returns them with every field reference turned
 * into a field id. Only the settings given are checked (a rename does not
 * re-check an old filter); a change of type re-checks the config. Filters and
 * sorts are checked by compiling them, so a saved view compiles when read.
 */
export function prepareViewSettings(table: TableMeta, reader: Reader, input: ViewSettingsInput, given: Set<keyof ViewSettingsInput>): ViewSettings {
  const policy = tablePolicy(table, reader);
  const columns = tableColumns(policy.visible);
  const out: ViewSettings = {};

  const hidden = given.has("hiddenFields") ? (input.hiddenFields ?? []).map((ref) => column(columns, ref, "hiddenFields").id) : undefined;
  if (hidden) out.hiddenFields = [...new Set(hidden)];
  const shown = columns.filter((c) => !(hidden ?? []).includes(c.id));

  if (given.has("filter")) {
    if (input.filter) {
      const filter = withFieldIds(columns, input.filter);
      compileFilter(columns, filter, { now: new Date() });
      out.filter = filter;
    } else out.filter = null;
  }
  if (given.has("sort")) {
    const sort = (input.sort ?? []).map((s) => ({ field: column(shown, s.field, "sort").id, dir: s.dir }));
    sortKeys(shown, sort);
    out.sort = sort;
  }
  if (given.has("groupBy")) {
    const groupBy = (input.groupBy ?? []).map((ref) => column(shown, ref, "groupBy").id);
    if (groupBy.length > 3) throw new AppError("BAD_REQUEST", "A view groups by at most 3 fields");
    sortKeys(shown, groupBy.map((field) => ({ field, dir: "asc" as const })));
    out.groupBy = [...new Set(groupBy)];
  }
  if (given.has("config") || given.has("type")) out.config = prepareConfig(table, reader, input.type, input.config ?? {});
  return out;
}

function column(columns: PlanColumn[], ref: string, where: string): PlanColumn {
  try {
    return findColumn(columns, ref);
  } catch {
    throw new AppError("BAD_REQUEST", `${where}: unknown field "${ref}"`, { field: ref });
  }
}

function withFieldIds(columns: PlanColumn[], node: FilterNode): FilterNode {
  if ("and" in node) return { and: node.and.map((n) => withFieldIds(columns, n)) };
  if ("or" in node) return { or: node.or.map((n) => withFieldIds(columns, n)) };
  return { ...node, field: column(columns, node.field, "filter").id };
}

function prepareConfig(table: TableMeta, reader: Reader, type: ViewType, config: unknown): Record<string, unknown> {
  const definition = viewTypeRegistry[type];
  const parsed = definition.config.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new AppError("BAD_REQUEST", `Invalid ${type} view config: ${where}${issue?.message ?? "invalid"}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  const policy = tablePolicy(table, reader);
  const resolve = (ref: string, need: FieldNeed): string => {
    const field = findField(policy.visible, ref);
    if (!field) throw new AppError("BAD_REQUEST", `config.${need.path}: unknown field "${ref}"`, { field: ref });
    if (need.types && !need.types.includes(field.type)) {
      throw new AppError(
        "BAD_REQUEST",
        `config.${need.path}: "${field.name}" is a ${field.type} field; a ${type} view needs ${need.types.join(" or ")}`,
        { field: field.name },
      );
    }
    if (need.writable && (fieldTypeDefinition(field.type)?.readOnly || policy.readOnly.has(field.id))) {
      throw new AppError("BAD_REQUEST", `config.${need.path}: "${field.name}" cannot be filled in`, { field: field.name });
    }
    return field.id;
  };
  const reject = (message: string): never => {
    throw new AppError("BAD_REQUEST", `Invalid ${type} view config: ${message}`);
  };
  return definition.fields(parsed.data, resolve, reject);
}
