import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
