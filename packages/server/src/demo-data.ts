/**
 * Demo data: on an empty database the seed plan is loaded, so a new user
 * sees a real plan on first start.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { importSeedDocument } from "@rumbo/core";
import type { Database } from "./db/open-database.ts";
import { countPlans, savePlan } from "./plans/plans-repository.ts";

/** Shipped with the repository (a copy of the reference document, see docs/decisions/0003). */
export const DEMO_SEED_PATH = fileURLToPath(
  new URL(
    "../../../seeds/plan-estrategico-sectorial-gestion-publica-2024-2027.txt",
    import.meta.url,
  ),
);

export type DemoLoad = { loaded: false } | { loaded: true; planId: number; warnings: number };

export async function loadDemoDataIfEmpty(db: Database): Promise<DemoLoad> {
  if ((await countPlans(db)) > 0) return { loaded: false };
  const result = importSeedDocument(await readFile(DEMO_SEED_PATH, "utf8"));
  if (!result.plan) {
    throw new Error(
      `El plan de demostración no se pudo importar:\n${result.errors.map((e) => `línea ${e.line}: ${e.message}`).join("\n")}`,
    );
  }
  // The seed plan is already public information (Ley 1712 de 2014).
  // It is also in force since 2024: changes to its programming are reprogramaciones.
  const planId = await savePlan(db, result.plan, {
    published: true,
    status: "vigente",
    version: { kind: "importacion", effectiveFrom: `${result.plan.years[0]}-01-01` },
  });
  return { loaded: true, planId, warnings: result.warnings.length };
}
