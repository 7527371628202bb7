CREATE TABLE "indicator_vigencias" (
	"indicator_id" integer NOT NULL,
	"year" integer NOT NULL,
	"target" double precision,
	"weight_pct" double precision NOT NULL,
	CONSTRAINT "indicator_vigencias_indicator_id_year_pk" PRIMARY KEY("indicator_id","year")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"objective_id" integer NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"goal_text" text,
	"goal_type" text,
	"goal_code" text,
	"trend" text NOT NULL,
	"progress_variant" text,
	"unit" text,
	"baseline" double precision,
	"baseline_year" integer,
	"formula" text,
	"frequency" text,
	"source" text,
	"responsible" text,
	"total" double precision,
	"total_given" boolean DEFAULT true NOT NULL,
	"total_weight_pct" double precision,
	"uniform_weight" boolean DEFAULT true NOT NULL,
	CONSTRAINT "indicators_plan_code" UNIQUE("plan_id","code")
);
--> statement-breakpoint
CREATE TABLE "objective_weights" (
	"objective_id" integer NOT NULL,
	"year" integer NOT NULL,
	"weight_pct" double precision NOT NULL,
	CONSTRAINT "objective_weights_objective_id_year_pk" PRIMARY KEY("objective_id","year")
);
--> statement-breakpoint
CREATE TABLE "objectives" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"total_weight_pct" double precision,
	CONSTRAINT "objectives_plan_code" UNIQUE("plan_id","code")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"entity" text,
	"mission" text,
	"vision" text,
	"source" text,
	"semaforo_rojo" double precision,
	"semaforo_amarillo" double precision,
	"semaforo_sobreejecucion" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "vigencias" (
	"plan_id" integer NOT NULL,
	"year" integer NOT NULL,
	CONSTRAINT "vigencias_plan_id_year_pk" PRIMARY KEY("plan_id","year")
);
--> statement-breakpoint
ALTER TABLE "indicator_vigencias" ADD CONSTRAINT "indicator_vigencias_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_objective_id_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."objectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objective_weights" ADD CONSTRAINT "objective_weights_objective_id_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."objectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vigencias" ADD CONSTRAINT "vigencias_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;