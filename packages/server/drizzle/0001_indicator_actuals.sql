CREATE TABLE "indicator_actuals" (
	"indicator_id" integer NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "indicator_actuals_indicator_id_period_pk" PRIMARY KEY("indicator_id","period")
);
--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD CONSTRAINT "indicator_actuals_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;