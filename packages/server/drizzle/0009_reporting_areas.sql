ALTER TABLE "indicators" ADD COLUMN "reporting_areas" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "area_rule" text;