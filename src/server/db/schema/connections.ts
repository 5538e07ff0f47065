import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { connectionKinds } from "../../../lib/connections/connection-kinds";
import type { DiscoveredSchema } from "../../connectors/connector";
import { users } from "./users";
import { workspaces } from "./workspaces";

/**
 * External databases of a workspace. Host, port, database and user are kept
 * in clear to show and list; the whole configuration, password included,
 * only sealed (AES-256-GCM, see connectors/sealed-credentials.ts).
 */
export const connections = pgTable(
  "connections",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind", { enum: connectionKinds }).notNull(),
    host: text("host").notNull(),
    port: integer("port"),
    database: text("database"),
    username: text("username"),
    sealedConfig: text("sealed_config").notNull(),
    readOnly: boolean("read_only").notNull().default(false),
    /** What the last test or use found: untested, ok, or error (with lastError, never holding a secret). */
    status: text("status", { enum: ["untested", "ok", "error"] }).notNull().default("untested"),
    lastError: text("last_error"),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("connections_workspace_id_idx").on(t.workspaceId)],
);

/** The last discovered schema of each connection: answered from here until refreshed. */
export const connectionSchemas = pgTable("connection_schemas", {
  connectionId: text("connection_id")
    .primaryKey()
    .references(() => connections.id, { onDelete: "cascade" }),
  schema: jsonb("schema").$type<DiscoveredSchema>().notNull(),
  discoveredAt: timestamp("discovered_at", { withTimezone: true }).notNull().defaultNow(),
});
