/**
 * A database with a row in every table: the seed plan with its example
 * actuals, a plan that weighs its objectives, an account with a role, a
 * session, a reset link, login attempts, an audit entry, a closed corte
 * reopened, a report version and its soporte, the plan and that corte
 * published — values chosen to be hard to
 * copy exactly (0.1 + 0.2, 1e-300, microseconds, every byte value, unicode).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readActualsCsv } from "@rumbo/core";
import { sql } from "drizzle-orm";
import { writeAudit } from "../audit/audit-repository.ts";
import type { Database } from "../db/open-database.ts";
import {
  corteReopenings,
  cortes,
  loginAttempts,
  passwordResets,
  reportVersions,
} from "../db/schema.ts";
import { publishPlan } from "../plans/plan-lifecycle-service.ts";
import { getPlan, savePlan } from "../plans/plans-repository.ts";
import { publishCorte } from "../publicacion/publication-service.ts";
import { createAccount, sessionFor } from "./accounts.ts";
import { SEED_PATH, seedPlan } from "./seed-plan.ts";

const ACTUALS_PATH = join(SEED_PATH, "..", "avances-2024-ejemplo.csv");
/** Every byte value, so a soporte that is not text survives the trip. */
export const EVIDENCE = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));

/** The seed plan with its example actuals and a row in every other table. */
export async function fillDatabase(db: Database): Promise<void> {
  const planId = await savePlan(db, seedPlan(), { at: new Date("2024-01-15T13:00:00.123Z") });
  const plan = await getPlan(db, planId);
  const read = readActualsCsv(readFileSync(ACTUALS_PATH, "utf8"), "avances.csv", plan);
  if (!read.ok) throw new Error("los avances de ejemplo no se leyeron");
  // The example values as approved reports, as migration 0007 leaves values loaded before seguimiento.
  await db.insert(reportVersions).values(
    read.actuals.map((a) => ({
      planId,
      indicatorCode: a.indicator,
      period: a.period,
      version: 1,
      action: "approve",
      status: "aprobado",
      value: a.value,
      source: "migracion",
    })),
  );
  // A second plan that weighs its objectives per vigencia (objective_weights).
  await savePlan(db, {
    format: "rumbo.plan/v1",
    code: "PA-2025",
    name: "Plan de acción 2025",
    years: [2025],
    objectives: [
      {
        code: "1",
        name: "Mejorar la atención",
        weight: { "2025": 100 },
        indicators: [
          {
            code: "A1",
            name: "Trámites en línea",
            trend: "suma",
            unit: "número",
            weight: 100,
            targets: { "2025": 10 },
            total: 10,
          },
        ],
      },
    ],
  });
  const ana = await createAccount(db, "ana.rojas@funcionpublica.gov.co", [
    { role: "responsable", scope: { kind: "indicator", planId, indicatorCode: "2307" } },
  ]);
  await sessionFor(db, ana, new Date("2026-12-07T15:00:00Z"));
  await db.insert(passwordResets).values({
    tokenHash: "a".repeat(64),
    userId: ana,
    expiresAt: new Date("2026-12-08T15:00:00Z"),
  });
  await db.insert(loginAttempts).values({
    ip: "10.0.0.7",
    windowStart: new Date("2026-12-07T15:00:00Z"),
    attempts: 3,
  });
  await writeAudit(db, {
    userId: ana,
    actorEmail: "ana.rojas@funcionpublica.gov.co",
    action: "report.save",
    resource: `plan:${planId}`,
    outcome: "ok",
    ip: "10.0.0.7",
    details: { nota: "Año de transición — ñandú «ü»", valor: 0.1 },
  });
  const [corte] = await db
    .insert(cortes)
    .values({
      planId,
      periodEnd: "2024-03-31",
      opensOn: "2024-04-01",
      dueOn: "2024-04-10",
      closesOn: "2024-04-15",
      closedAt: new Date("2024-04-15T22:00:00Z"),
      closedBy: ana,
      createdBy: ana,
    })
    .returning({ id: cortes.id });
  if (!corte) throw new Error("corte");
  await db.insert(corteReopenings).values({
    corteId: corte.id,
    indicatorCodes: ["2307", "77"],
    justification: "El DANE corrigió la cifra",
    until: "2024-04-30",
    createdBy: ana,
  });
  await db.execute(
    sql`INSERT INTO evidence_files (sha256, size, media_type, bytes, created_at, created_by)
        VALUES (${"b".repeat(64)}, ${EVIDENCE.length}, 'application/pdf', ${EVIDENCE}, '2024-04-02 08:30:00.654321-05', ${ana})`,
  );
  await db.insert(reportVersions).values({
    planId,
    indicatorCode: "2307",
    period: "2024-Q1",
    version: 2,
    action: "submit",
    status: "enviado",
    value: 0.1 + 0.2,
    numerator: 1e-300,
    denominator: 12345678.901234567,
    achievements: "Se publicaron 44 trámites",
    explanations: { semaforo: "Meta anual" },
    evidence: [
      {
        kind: "file",
        sha256: "b".repeat(64),
        fileName: "acta.pdf",
        addedAt: "2024-04-02T13:30:00Z",
        addedBy: ana,
      },
    ],
    source: "web",
    recordedBy: ana,
    submittedBy: ana,
    submittedAt: new Date("2024-04-02T13:30:00.5Z"),
  });
  // The plan and its closed corte published (ADR 0016): snapshots kept as json text, byte for byte.
  const published = new Date("2024-04-20T15:00:00.250Z");
  await publishPlan(db, planId, true, {
    author: { userId: ana, actorEmail: null },
    now: published,
    license: "CC-BY-4.0",
    licenseAct: "Resolución 045 de 2024 — «ñandú»",
  });
  await publishCorte(db, planId, corte.id, { userId: ana, now: published });
}
