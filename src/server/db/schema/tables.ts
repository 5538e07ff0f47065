import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { bases } from "./bases";
import { users } from "./users";
import { workspaces } from "./workspaces";

// An internal table's rows live in ws_<workspaceId>.t_<id>; this is its metadata.
export const tables = pgTable(
  "tables",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    baseId: text("base_id")
      .notNull()
      .references(() => bases.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    primaryFieldId: text("primary_field_id"),
    /** Field and row rules per role (server/authz/table-rules.ts); empty means none. */
    rules: jsonb("rules").notNull().default({}),
    position: integer("position").notNull().default(0),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set while the table is in the trash; its physical table is kept until purged. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("tables_base_id_idx").on(t.baseId), index("tables_workspace_id_idx").on(t.workspaceId)],
);
