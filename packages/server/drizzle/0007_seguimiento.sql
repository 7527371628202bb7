CREATE TABLE "corte_reopenings" (
	"id" serial PRIMARY KEY NOT NULL,
	"corte_id" integer NOT NULL,
	"indicator_codes" jsonb NOT NULL,
	"justification" text NOT NULL,
	"until" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "cortes" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"period_end" text NOT NULL,
	"opens_on" text NOT NULL,
	"due_on" text NOT NULL,
	"closes_on" text NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	CONSTRAINT "cortes_plan_period_end" UNIQUE("plan_id","period_end")
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" integer NOT NULL,
	"media_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"indicator_code" text NOT NULL,
	"period" text NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"value" double precision,
	"numerator" double precision,
	"denominator" double precision,
	"achievements" text DEFAULT '' NOT NULL,
	"difficulties" text DEFAULT '' NOT NULL,
	"actions" text DEFAULT '' NOT NULL,
	"benefits" text DEFAULT '' NOT NULL,
	"explanations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"comment" text,
	"refers_to" integer,
	"self_approval" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" integer,
	"first_submitted_by" integer,
	"first_submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "report_versions_key_version" UNIQUE("plan_id","indicator_code","period","area","version")
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "allow_self_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "corte_reopenings" ADD CONSTRAINT "corte_reopenings_corte_id_cortes_id_fk" FOREIGN KEY ("corte_id") REFERENCES "public"."cortes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corte_reopenings" ADD CONSTRAINT "corte_reopenings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cortes" ADD CONSTRAINT "cortes_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cortes" ADD CONSTRAINT "cortes_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cortes" ADD CONSTRAINT "cortes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_first_submitted_by_users_id_fk" FOREIGN KEY ("first_submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "corte_reopenings_corte" ON "corte_reopenings" USING btree ("corte_id");--> statement-breakpoint
CREATE INDEX "report_versions_plan_recorded" ON "report_versions" USING btree ("plan_id","recorded_at");--> statement-breakpoint
-- Values loaded before seguimiento existed (rumbo actuals import) become approved report versions, so official compliance keeps them.
INSERT INTO "report_versions" ("plan_id", "indicator_code", "period", "area", "version", "action", "status", "value", "source")
SELECT i."plan_id", i."code", a."period", '', 1, 'approve', 'aprobado', a."value", 'migracion'
FROM "indicator_actuals" a JOIN "indicators" i ON i."id" = a."indicator_id";
