/**
 * The reporting areas of an indicator (ficha `reportingAreas`, `areaRule`):
 * a list that can be read, a rule only with areas, weights that add up to 100
 * for «promedio ponderado», and never a mean of percentages for a razón.
 */
import { AREA_RULE_OPTIONS, fichaField } from "../plan/field-catalogue.ts";
import type { Indicator } from "../plan/plan.ts";
import { readReportingAreas } from "../seguimiento/reporting-areas.ts";
import { issueAt, type Scope } from "./scope.ts";
import type { ValidationIssue } from "./validation-issue.ts";
import { isHundredPct } from "./weight-checks.ts";
import { formatQuantity } from "./wording.ts";

const AREAS = fichaField("reportingAreas").noun;
const RULE = fichaField("areaRule").noun;

export function checkReportingAreas(scope: Scope, indicator: Indicator): ValidationIssue[] {
  const { areas, problems } = readReportingAreas(indicator.reportingAreas);
  const issues: ValidationIssue[] = problems.map((problem) =>
    issueAt(scope, "areas.unreadable", `${AREAS}: ${problem}`, {
      at: ["reportingAreas"],
      field: "reportingAreas",
    }),
  );
  const rule = indicator.areaRule;
  const ruleLabel = rule === undefined ? "" : AREA_RULE_OPTIONS.labels[rule];
  const atRule = { at: ["areaRule"], field: "areaRule" } as const;
  if (areas.length === 0) {
    if (rule !== undefined && problems.length === 0) {
      issues.push(
        issueAt(
          scope,
          "areas.rule-without-areas",
          `${RULE}: «${ruleLabel}» sin áreas que reporten; escriba las áreas o deje la regla vacía.`,
          atRule,
        ),
      );
    }
    return issues;
  }
  const mean = rule === "promedio" || rule === "ponderado";
  if (mean && indicator.measure === "razon") {
    issues.push(
      issueAt(
        scope,
        "areas.ratio-mean",
        `${RULE}: es una razón y sus áreas se combinan sumando numeradores y denominadores, nunca con «${ruleLabel}» de porcentajes; deje la regla en Suma o vacía.`,
        atRule,
      ),
    );
  } else if (mean && indicator.trend === "suma") {
    issues.push(
      issueAt(
        scope,
        "areas.flow-mean",
        `${RULE}: la tendencia es suma y las partes de las áreas siempre se suman; «${ruleLabel}» no se aplica.`,
        atRule,
      ),
    );
  }
  const weighted = areas.filter((a) => a.weight !== null);
  const atAreas = { at: ["reportingAreas"], field: "reportingAreas" } as const;
  if (rule === "ponderado") {
    const unweighted = areas.filter((a) => a.weight === null).map((a) => `«${a.name}»`);
    if (unweighted.length > 0) {
      issues.push(
        issueAt(
          scope,
          "areas.weights-missing",
          `${AREAS}: con promedio ponderado cada área lleva su peso («Área = 40»); falta el de ${unweighted.join(", ")}.`,
          atAreas,
        ),
      );
    } else {
      const sum = areas.reduce((s, a) => s + (a.weight ?? 0), 0);
      if (!isHundredPct(sum)) {
        issues.push(
          issueAt(
            scope,
            "areas.weights-sum-not-100",
            `${AREAS}: los pesos suman ${formatQuantity(sum)}, no 100.`,
            atAreas,
          ),
        );
      }
    }
  } else if (weighted.length > 0) {
    issues.push(
      issueAt(
        scope,
        "areas.weights-unused",
        `${AREAS}: tienen pesos pero la regla es «${rule === undefined ? "Suma" : ruleLabel}»; los pesos solo se usan con promedio ponderado.`,
        atAreas,
      ),
    );
  }
  return issues;
}
