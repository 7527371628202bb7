import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { importSeedDocument, type Plan } from "@rumbo/core";

export const SEED_PATH = fileURLToPath(
  new URL(
    "../../../../seeds/plan-estrategico-sectorial-gestion-publica-2024-2027.txt",
    import.meta.url,
  ),
);

/** The real seed document, imported: the plan every scenario test starts from. */
export function seedPlan(): Plan {
  const result = importSeedDocument(readFileSync(SEED_PATH, "utf8"));
  if (!result.plan)
    throw new Error(`El documento semilla no se pudo importar: ${JSON.stringify(result.errors)}`);
  return result.plan;
}
