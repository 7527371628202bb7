/**
 * Data-quality checks a careful analyst makes on an imported plan document.
 * They warn, never block: the planning office decides what to correct.
 */
import { type Indicator, isProgrammed, type Plan } from "../plan/plan.ts";
import { parseGoalCell } from "./seed-cells.ts";
import type { SeedFinding, SeedRow } from "./seed-document.ts";

const EPSILON = 1e-9;

export function checkSeedPlan(plan: Plan, rows: SeedRow[]): SeedFinding[] {
  const out: SeedFinding[] = [];
  const lineOf = (code: string) => rows.find((r) => r.indicator.code === code)?.line ?? 1;
  for (const objective of plan.objectives) {
    const firstLine = rows.find((r) => r.objectiveCode === objective.code)?.line ?? 1;
    const weights = objective.indicators.map((i) => (typeof i.weight === "number" ? i.weight : 0));
    const sum = weights.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 100) > EPSILON) {
      out.push({
        line: firstLine,
        code: "seed.weights-sum",
        message: `Objetivo ${objective.code}: las ponderaciones de sus indicadores suman ${fmt(sum)} %, no 100 %.`,
      });
    }
    for (const year of plan.years) {
      const programmed = objective.indicators.filter((i) => targetOf(i, year) !== null);
      const yearSum = programmed.reduce(
        (a, i) => a + (typeof i.weight === "number" ? i.weight : 0),
        0,
      );
      if (programmed.length > 0 && Math.abs(yearSum - sum) > EPSILON) {
        const left = objective.indicators
          .filter(
            (i) => targetOf(i, year) === null && (typeof i.weight !== "number" || i.weight > 0),
          )
          .map((i) => i.code);
        if (left.length > 0) {
          out.push({
            line: lineOf(left[0] ?? ""),
            code: "seed.weights-renormalised",
            message: `Objetivo ${objective.code}, vigencia ${year}: ${plural(left, "el indicador", "los indicadores")} ${left.join(", ")} no ${left.length === 1 ? "está programado" : "están programados"}; los programados suman ${fmt(yearSum)} % de ponderación y el cumplimiento se renormaliza sobre ellos.`,
          });
        }
      }
    }
  }
  for (const { line, indicator } of rows) {
    out.push(...checkIndicator(indicator, plan.years, line));
  }
  return out;
}

function checkIndicator(ind: Indicator, years: number[], line: number): SeedFinding[] {
  const out: SeedFinding[] = [];
  const programmed = years.filter((y) => targetOf(ind, y) !== null);
  if (programmed.length === 0) {
    out.push({
      line,
      code: "seed.never-programmed",
      message: `Indicador ${ind.code}: no está programado en ninguna vigencia.`,
    });
  }
  if (ind.weight === 0) {
    out.push({
      line,
      code: "seed.zero-weight",
      message: `Indicador ${ind.code}: pondera 0 %; se reporta y se muestra, pero no suma al cumplimiento del objetivo.`,
    });
  }
  const implied = impliedTotal(ind, years);
  if (
    ind.total != null &&
    implied !== null &&
    Math.abs(ind.total - implied) > EPSILON * Math.max(1, implied)
  ) {
    out.push({
      line,
      code: "seed.total-trend",
      message:
        ind.trend === "suma"
          ? `Indicador ${ind.code}: el total del cuatrienio es ${fmt(ind.total)} pero la tendencia Suma implica la suma de las vigencias, ${fmt(implied)}.`
          : `Indicador ${ind.code}: el total del cuatrienio es ${fmt(ind.total)} pero la tendencia ${ind.trend} implica la meta de la última vigencia programada, ${fmt(implied)}.`,
    });
  }
  if (ind.total == null && programmed.length > 0) {
    out.push({
      line,
      code: "seed.total-missing",
      message: `Indicador ${ind.code}: no tiene programación del cuatrienio; se usará ${fmt(implied ?? 0)} según su tendencia.`,
    });
  }
  out.push(...checkGoalText(ind, line));
  return out;
}

/** The number the meta promises ("Participar en 50 instrumentos") against the plan-period total. */
function checkGoalText(ind: Indicator, line: number): SeedFinding[] {
  const goal = parseGoalCell(ind.goal ?? "");
  const statement = goal.statement;
  if (goal.type === null || statement === "") return [];
  // A project code pasted into the text ("Poner en funcionamiento 14244. Implementación…").
  const artefact = statement.match(/(^|\s)(\d{4,})\.\s+\p{Lu}/u);
  if (artefact?.[2]) {
    return [
      {
        line,
        code: "seed.goal-text-artefact",
        message: `Meta ${goal.code}: el texto contiene «${artefact[2]}.» en medio de la frase, que parece un código pegado por error; se conserva el texto tal cual.`,
      },
    ];
  }
  const promised = statement.match(
    /^\s*\p{L}+(?:\s+\p{L}+){0,3}?\s+(?:en\s+|los\s+|el\s+|la\s+)?(\d+(?:,\d+)?)\s*(%)?/u,
  );
  if (!promised?.[1] || ind.total == null) return [];
  const n = Number(promised[1].replace(",", "."));
  const total = ind.total;
  const agrees =
    Math.abs(n - total) < EPSILON ||
    // "Consolidar 1 Modelo" measured in % of the model: 1 model = 100 %.
    (ind.unit === "%" && Math.abs(n * 100 - total) < EPSILON) ||
    // "Fortalecer 100 % del modelo" measured as a fraction of one: 100 % = 1,00.
    (promised[2] === "%" && Math.abs(n / 100 - total) < EPSILON);
  if (agrees) return [];
  return [
    {
      line,
      code: "seed.goal-total-mismatch",
      message: `Meta ${goal.code}: el texto de la meta dice ${fmt(n)}${promised[2] ? " %" : ""} pero la programación del cuatrienio (${ind.trend}) es ${fmt(total)}.`,
    },
  ];
}

function targetOf(ind: Indicator, year: number): number | null {
  const t = ind.targets[String(year)];
  return isProgrammed(t, ind.trend) ? t : null;
}

function impliedTotal(ind: Indicator, years: number[]): number | null {
  const programmed = years.map((y) => targetOf(ind, y)).filter((t): t is number => t !== null);
  if (programmed.length === 0) return null;
  if (ind.trend === "suma") return programmed.reduce((a, b) => a + b, 0);
  return programmed[programmed.length - 1] ?? null;
}

function fmt(n: number): string {
  return new Intl.NumberFormat("es-CO", { maximumFractionDigits: 2 }).format(n);
}

function plural<T>(items: T[], one: string, many: string): string {
  return items.length === 1 ? one : many;
}
