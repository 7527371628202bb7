import { describe, expect, it } from "vitest";
import { generateWorkload } from "../testing/workload.ts";
import { computeCompliance } from "./compute.ts";
import { buildDashboard } from "./dashboard.ts";
import type { CellAt } from "./engine.ts";
import type { ComplianceOptions } from "./types.ts";

// The tablero looks each indicator and contribution up by code in maps built
// once; on a synthetic plan of 600 indicators every row must carry exactly the
// engine's cell and the share and contribution its objective's cell lists.
describe("tablero de un plan grande", () => {
  const { plan, actuals } = generateWorkload({ indicators: 600, objectives: 12 });
  const options: ComplianceOptions = { asOf: "2025-06-30", missing: "zero", cap: 1 };
  const result = computeCompliance(plan, actuals, options);

  it.each<CellAt>([2024, 2025, "period"])("en %s cada indicador trae la celda del motor", (at) => {
    const dashboard = buildDashboard({ plan, result, options }, at);
    const rows = dashboard.objectives.flatMap((objective) => objective.indicators);
    expect(rows).toHaveLength(600);
    let counted = 0;
    dashboard.objectives.forEach((objective, index) => {
      const row = result.objectives[index];
      const cell = at === "period" ? row?.period : row?.years[String(at)];
      const planCell = at === "period" ? result.plan.period : result.plan.years[String(at)];
      const own = planCell?.contributions.find((item) => item.code === objective.code);
      expect(objective.share).toBe(own?.weight ?? null);
      expect(objective.contribution).toBe(own?.contribution ?? null);
      for (const indicator of objective.indicators) {
        const engineRow = result.indicators.find((item) => item.code === indicator.code);
        const engineCell = at === "period" ? engineRow?.period : engineRow?.years[String(at)];
        expect(indicator.compliance).toBe(engineCell?.compliance);
        expect(indicator.status).toBe(engineCell?.status);
        const listed = cell?.contributions.find((item) => item.code === indicator.code);
        expect(indicator.share).toBe(listed?.weight ?? null);
        expect(indicator.contribution).toBe(listed?.contribution ?? null);
        if (listed !== undefined) counted++;
      }
    });
    // Most indicators count (NP years and pending ones do not).
    expect(counted).toBeGreaterThan(300);
  });
});
