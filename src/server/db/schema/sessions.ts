import { customType, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  // postgres.js hands back a Buffer; compare as plain bytes everywhere.
  fromDriver: (value) => new Uint8Array(value),
});

// Sessions follow the design Lucia's authors publish: the cookie carries
// "<id>.<secret>", and only SHA-256(secret) is stored, so a leaked table
// cannot be replayed as cookies.
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    secretHash: bytea("secret_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);
