/**
 * Data-quality checks a careful analyst makes on an imported plan document.
 * They warn, never block: the planning office decides what to correct.
 *
 * The findings are detected by the plan validation rules (validation/), the
 * same ones the editor runs; this file only words them as the importer always
 * has (codes `seed.*`, messages per document line), so both never disagree.
 */
import type { Indicator, Plan } from "../plan/plan.ts";
import { goalStatement, goalTextFinding } from "../validation/goal-text.ts";
import {
  programmedYears,
  totalLeftUnprogrammed,
  totalTrendMismatch,
} from "../validation/total-checks.ts";
import { isHundredPct, periodWeightSum, yearWeightGaps } from "../validation/weight-checks.ts";
import { formatQuantity as fmt } from "../validation/wording.ts";
import type { SeedFinding, SeedRow } from "./seed-document.ts";

export function checkSeedPlan(plan: Plan, rows: SeedRow[]): SeedFinding[] {
  const out: SeedFinding[] = [];
  const lineOf = (code: string) => rows.find((r) => r.indicator.code === code)?.line ?? 1;
  for (const objective of plan.objectives) {
    const firstLine = rows.find((r) => r.objectiveCode === objective.code)?.line ?? 1;
    const sum = periodWeightSum(objective, plan.years);
    if (!isHundredPct(sum)) {
      out.push({
        line: firstLine,
        code: "seed.weights-sum",
        message: `Objetivo ${objective.code}: las ponderaciones de sus indicadores suman ${fmt(sum)} %, no 100 %.`,
      });
    }
    // The document's own wording of weights.sum-not-100: only where an NP
    // indicator explains the gap (a plain wrong sum is seed.weights-sum above).
    for (const gap of yearWeightGaps(objective, plan.years)) {
      const left = gap.unprogrammed.map((item) => item.indicator.code);
      if (left.length === 0) continue;
      out.push({
        line: lineOf(left[0] ?? ""),
        code: "seed.weights-renormalised",
        message: `Objetivo ${objective.code}, vigencia ${gap.year}: ${left.length === 1 ? "el indicador" : "los indicadores"} ${left.join(", ")} no ${left.length === 1 ? "está programado" : "están programados"}; los programados suman ${fmt(gap.sumPct)} % de ponderación y el cumplimiento se renormaliza sobre ellos.`,
      });
    }
  }
  for (const { line, indicator } of rows) {
    out.push(...checkIndicator(indicator, plan.years, line));
  }
  return out;
}

function checkIndicator(ind: Indicator, years: number[], line: number): SeedFinding[] {
  const out: SeedFinding[] = [];
  if (programmedYears(ind, years).length === 0) {
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
  const mismatch = totalTrendMismatch(ind, years);
  if (mismatch !== null) {
    out.push({
      line,
      code: "seed.total-trend",
      message:
        ind.trend === "suma"
          ? `Indicador ${ind.code}: el total del cuatrienio es ${fmt(mismatch.written)} pero la tendencia Suma implica la suma de las vigencias, ${fmt(mismatch.implied)}.`
          : `Indicador ${ind.code}: el total del cuatrienio es ${fmt(mismatch.written)} pero la tendencia ${ind.trend} implica la meta de la última vigencia programada, ${fmt(mismatch.implied)}.`,
    });
  }
  const unprogrammed = totalLeftUnprogrammed(ind, years);
  if (unprogrammed !== null) {
    // The importer stores an empty total as null, which formats.md §1 reads as
    // NP for the period; say so rather than promise the trend's value.
    out.push({
      line,
      code: "seed.total-missing",
      message: `Indicador ${ind.code}: no tiene programación del cuatrienio; el cuatrienio queda no programado (NP)${unprogrammed.implied === null ? "" : `, aunque según su tendencia sería ${fmt(unprogrammed.implied)}`}.`,
    });
  }
  out.push(...checkGoalText(ind, years, line));
  return out;
}

/** The number the meta promises ("Participar en 50 instrumentos") against the plan-period total. */
function checkGoalText(ind: Indicator, years: number[], line: number): SeedFinding[] {
  const finding = goalTextFinding(ind, years);
  if (finding === null) return [];
  const goalCode = ind.goalCode ?? goalStatement(ind.goal ?? "").code ?? ind.code;
  if (finding.kind === "artefact") {
    return [
      {
        line,
        code: "seed.goal-text-artefact",
        message: `Meta ${goalCode}: el texto contiene «${finding.fragment}.» en medio de la frase, que parece un código pegado por error; se conserva el texto tal cual.`,
      },
    ];
  }
  return [
    {
      line,
      code: "seed.goal-total-mismatch",
      message: `Meta ${goalCode}: el texto de la meta dice ${fmt(finding.promised)}${finding.percent ? " %" : ""} pero la programación del cuatrienio (${ind.trend}) es ${fmt(finding.total)}.`,
    },
  ];
}
