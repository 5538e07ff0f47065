import { boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tables } from "./tables";
import { users } from "./users";
import { workspaces } from "./workspaces";

// A saved way of looking at a table (grid, kanban, calendar, ...): its filter,
// sorts, grouping and layout. Reads of a view go through the query plan.
export const views = pgTable(
  "views",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    tableId: text("table_id")
      .notNull()
      .references(() => tables.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    type: text("type").notNull(),
    position: integer("position").notNull().default(0),
    /** A filter tree of the query plan (lib/query/plan.ts), or null. */
    filter: jsonb("filter"),
    sort: jsonb("sort").notNull().default([]),
    groupBy: jsonb("group_by").notNull().default([]),
    hiddenFields: jsonb("hidden_fields").notNull().default([]),
    /** Type-specific settings and layout: stack/date fields, field order, widths, row height, form fields. */
    config: jsonb("config").notNull().default({}),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("views_table_id_idx").on(t.tableId)],
);

// A view published as a read-only JSON API (or a public form) at /public/views/{slug}.
export const viewShares = pgTable(
  "view_shares",
  {
    viewId: text("view_id")
      .primaryKey()
      .references(() => views.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** "public" or "api_key". */
    auth: text("auth").notNull(),
    /** SHA-256 of the view's API key (shown once), when auth is "api_key". */
    keyHash: text("key_hash"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("view_shares_slug_idx").on(t.slug)],
);

/**
 * Fractional ranks compare byte by byte ("0-9A-Za-z", the fractional-indexing
 * alphabet); a locale collation would order "a" before "B".
 */
const rankText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });
/** A row id of the view's table (bigint there), handled as text like row ids everywhere else. */
const rowIdColumn = customType<{ data: string; driverData: string }>({ dataType: () => "bigint", fromDriver: (value) => String(value) });

// A view's manual order of rows (kanban cards dragged within a stack): one
// fractional rank per row that was placed by hand. Rows without one follow
// the ranked ones in their default order, so a move writes one row (and, the
// first time a stack is ordered, the unranked cards above the drop point),
// never the whole board. Ranks are unique per view so "between two ranks"
// always has room.
export const viewRowRanks = pgTable(
  "view_row_ranks",
  {
    viewId: text("view_id")
      .notNull()
      .references(() => views.id, { onDelete: "cascade" }),
    rowId: rowIdColumn("row_id").notNull(),
    rank: rankText("rank").notNull(),
  },
  (t) => [primaryKey({ columns: [t.viewId, t.rowId] }), uniqueIndex("view_row_ranks_rank_idx").on(t.viewId, t.rank)],
);
