import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { tables } from "./tables";

// A field of a table; its values live in column f_<id> (or a system column).
export const fields = pgTable(
  "fields",
  {
    id: text("id").primaryKey(),
    tableId: text("table_id")
      .notNull()
      .references(() => tables.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    type: text("type").notNull(),
    options: jsonb("options").notNull().default({}),
    position: integer("position").notNull().default(0),
    /** A mounted table's field: the external column it shows (fields of internal tables use f_<id>). */
    externalColumn: text("external_column"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set while the field is in the trash; its column is kept until purged. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("fields_table_id_idx").on(t.tableId)],
);
