CREATE TABLE "publications" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"corte_id" integer,
	"period_end" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" integer,
	"plan_version" integer NOT NULL,
	"license" text NOT NULL,
	"license_act" text,
	"supersedes_id" integer,
	"content_sha256" text NOT NULL,
	"snapshot" json NOT NULL,
	CONSTRAINT "publications_plan_number" UNIQUE("plan_id","number")
);
--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_corte_id_cortes_id_fk" FOREIGN KEY ("corte_id") REFERENCES "public"."cortes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_supersedes_id_publications_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."publications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publications_plan_period_end" ON "publications" USING btree ("plan_id","period_end");