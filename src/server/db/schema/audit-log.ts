import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// No foreign keys: the trail must outlive the users, tokens and resources it names.
export const auditLog = pgTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: text("user_id"),
    tokenId: text("token_id"),
    action: text("action").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    index("audit_log_workspace_at_idx").on(t.workspaceId, t.at),
    index("audit_log_resource_idx").on(t.resourceId),
  ],
);
