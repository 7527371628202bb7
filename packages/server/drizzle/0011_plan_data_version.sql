ALTER TABLE "plans" ADD COLUMN "data_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_versions" ADD COLUMN "data_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "report_versions_plan_data_version" ON "report_versions" USING btree ("plan_id","data_version");