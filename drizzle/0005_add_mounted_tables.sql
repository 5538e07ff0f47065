ALTER TABLE "tables" ADD COLUMN "connection_id" text;--> statement-breakpoint
ALTER TABLE "tables" ADD COLUMN "external" jsonb;--> statement-breakpoint
ALTER TABLE "fields" ADD COLUMN "external_column" text;--> statement-breakpoint
ALTER TABLE "tables" ADD CONSTRAINT "tables_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;