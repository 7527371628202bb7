-- The values of indicator_actuals were copied by 0007 into report_versions (approved, origen migracion); rumbo actuals import now writes report versions with their history and audit (ADR 0015).
DROP TABLE "indicator_actuals" CASCADE;
