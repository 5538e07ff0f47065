CREATE TABLE "view_row_ranks" (
	"view_id" text NOT NULL,
	"row_id" bigint NOT NULL,
	"rank" text COLLATE "C" NOT NULL,
	CONSTRAINT "view_row_ranks_view_id_row_id_pk" PRIMARY KEY("view_id","row_id")
);
--> statement-breakpoint
ALTER TABLE "view_row_ranks" ADD CONSTRAINT "view_row_ranks_view_id_views_id_fk" FOREIGN KEY ("view_id") REFERENCES "public"."views"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "view_row_ranks_rank_idx" ON "view_row_ranks" USING btree ("view_id","rank");