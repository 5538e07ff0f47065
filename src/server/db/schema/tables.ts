import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { ExternalSource } from "../../connectors/connector";
import { bases } from "./bases";
import { connections } from "./connections";
import { users } from "./users";
import { workspaces } from "./workspaces";

// An internal table's rows live in ws_<workspaceId>.t_<id>; this is its metadata.
// A mounted (external) table has no physical table here: its rows are those of
// `external` in the connection's database.
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
    /** Set for a mounted table; deleting the connection removes the tables mounted from it. */
    connectionId: text("connection_id").references(() => connections.id, { onDelete: "cascade" }),
    /** A mounted table's source: the discovered table as it was when mounted (columns, primary key). */
    external: jsonb("external").$type<ExternalSource>(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set while the table is in the trash; its physical table is kept until purged. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("tables_base_id_idx").on(t.baseId), index("tables_workspace_id_idx").on(t.workspaceId)],
);
