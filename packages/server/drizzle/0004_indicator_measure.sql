ALTER TABLE "indicators" ADD COLUMN "measure" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "numerator" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "denominator" text;