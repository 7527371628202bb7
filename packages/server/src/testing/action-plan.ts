/**
 * A small plan de acción (one objective, two indicators, 2025-2026): the plan
 * route and repository tests create, edit and reprogram, where the seed plan
 * would only make the cases longer to read.
 */
import type { Plan } from "@rumbo/core";

export function actionPlan(code = "PA-2025-2026"): Plan {
  return {
    format: "rumbo.plan/v1",
    code,
    name: "Plan de acción 2025-2026",
    years: [2025, 2026],
    objectives: [
      {
        code: "1",
        name: "Mejorar la atención",
        indicators: [
          {
            code: "A1",
            name: "Trámites en línea",
            trend: "suma",
            unit: "número",
            weight: 60,
            targets: { "2025": 10, "2026": 20 },
            total: 30,
          },
          {
            code: "A2",
            name: "Satisfacción",
            trend: "creciente",
            unit: "%",
            weight: 40,
            targets: { "2025": 80, "2026": 85 },
            total: 85,
          },
        ],
      },
    ],
  };
}
