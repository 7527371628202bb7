/**
 * Rules on the plan's frame: its identity, vigencias, semáforo and objectives,
 * and the identity of objectives and indicators (codes unique in the plan,
 * formats.md §1, since results, reports and actuals refer to them by code).
 */

import type { Indicator, Objective, Plan, Semaforo } from "../plan/plan.ts";
import { MAX_VIGENCIAS } from "../shared/bounds.ts";
import { hasText, issueAt, PLAN_SCOPE, type Scope } from "./scope.ts";
import type { ValidationIssue } from "./validation-issue.ts";
import { formatQuantity } from "./wording.ts";

export function checkPlanIdentity(plan: Plan): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!hasText(plan.code)) {
    issues.push(
      issueAt(PLAN_SCOPE, "plan.code-empty", "El plan no tiene código.", {
        at: ["code"],
        field: "code",
      }),
    );
  }
  if (!hasText(plan.name)) {
    issues.push(
      issueAt(PLAN_SCOPE, "plan.name-empty", "El plan no tiene nombre.", {
        at: ["name"],
        field: "name",
      }),
    );
  }
  return issues;
}

/** Vigencias: integers, ascending and contiguous (formats.md §1); one issue per break. */
export function checkYears(years: readonly number[]): ValidationIssue[] {
  if (years.length === 0) {
    return [
      issueAt(PLAN_SCOPE, "years.empty", "El plan no tiene vigencias.", {
        at: ["years"],
        field: "years",
      }),
    ];
  }
  const issues: ValidationIssue[] = [];
  if (years.length > MAX_VIGENCIAS) {
    issues.push(
      issueAt(
        PLAN_SCOPE,
        "years.too-many",
        `El plan tiene ${formatQuantity(years.length)} vigencias; el máximo es ${MAX_VIGENCIAS}.`,
        { at: ["years"], field: "years" },
      ),
    );
  }
  const fail = (index: number, text: string) =>
    issues.push(
      issueAt(PLAN_SCOPE, "years.not-contiguous", `Vigencias del plan: ${text}`, {
        at: ["years", index],
        field: "years",
      }),
    );
  years.forEach((year, index) => {
    if (!Number.isInteger(year)) {
      // Written as typed, with a decimal comma: grouping ("2.024,5") would hide the slip.
      fail(index, `${String(year).replace(".", ",")} (posición ${index + 1}) no es un año.`);
      return;
    }
    const previous = years[index - 1];
    if (previous === undefined || !Number.isInteger(previous) || year === previous + 1) return;
    if (year === previous) {
      fail(index, `${year} está repetida (posiciones ${index} y ${index + 1}).`);
    } else if (year < previous) {
      fail(index, `${year} va después de ${previous}; las vigencias van en orden ascendente.`);
    } else {
      const missing =
        year === previous + 2 ? `falta ${previous + 1}` : `faltan ${previous + 1} a ${year - 1}`;
      fail(
        index,
        `después de ${previous} sigue ${year}; las vigencias son consecutivas (${missing}).`,
      );
    }
  });
  return issues;
}

/**
 * The order of the semáforo's thresholds: rojo ≤ amarillo (equal leaves no
 * amarillo band, which a plan may choose). One rule for the matriz, the API
 * and the editor.
 */
export function semaforoInOrder(semaforo: Pick<Semaforo, "rojo" | "amarillo">): boolean {
  return semaforo.rojo <= semaforo.amarillo;
}

/**
 * Thresholds are fractions (formats.md §1) read as rojo ≤ amarillo ≤ 1 <
 * sobreejecución. Only rojo > amarillo makes the colours contradictory; the
 * other two leave a colour unreachable or flag plain compliance, so they warn.
 */
export function checkSemaforo(semaforo: Semaforo | undefined): ValidationIssue[] {
  if (semaforo === undefined) return [];
  const issues: ValidationIssue[] = [];
  const pct = (ratio: number) => `${formatQuantity(ratio * 100)} %`;
  const { rojo, amarillo, sobreejecucion } = semaforo;
  if (!semaforoInOrder(semaforo)) {
    issues.push(
      issueAt(
        PLAN_SCOPE,
        "semaforo.order",
        `Semáforo: el umbral rojo (${pct(rojo)}) supera al amarillo (${pct(amarillo)}); rojo debe ser menor o igual que amarillo.`,
        { at: ["semaforo", "rojo"], field: "semaforo" },
      ),
    );
  }
  if (amarillo > 1) {
    issues.push(
      issueAt(
        PLAN_SCOPE,
        "semaforo.amarillo-above-one",
        `Semáforo: el umbral amarillo es ${pct(amarillo)}, más de 100 %; con el cumplimiento topado en 100 % ningún resultado llegaría a verde.`,
        { at: ["semaforo", "amarillo"], field: "semaforo" },
      ),
    );
  }
  if (sobreejecucion <= 1) {
    issues.push(
      issueAt(
        PLAN_SCOPE,
        "semaforo.sobreejecucion-not-above-one",
        `Semáforo: el umbral de sobre-ejecución es ${pct(sobreejecucion)}; debe pasar de 100 % o un resultado que apenas cumple la meta se marcaría como sobre-ejecución.`,
        { at: ["semaforo", "sobreejecucion"], field: "semaforo" },
      ),
    );
  }
  return issues;
}

export function checkHasObjectives(plan: Plan): ValidationIssue[] {
  if (plan.objectives.length > 0) return [];
  return [
    issueAt(PLAN_SCOPE, "plan.no-objectives", "El plan no tiene objetivos.", {
      at: ["objectives"],
      field: "objectives",
    }),
  ];
}

/** Where a code was first seen, to name both positions of a repeated one. */
export type FirstSeen = { objectiveIndex: number; objectiveLabel: string; indicatorIndex: number };

export function checkObjectiveIdentity(
  scope: Scope,
  objective: Objective,
  index: number,
  seen: Map<string, number>,
  weightsGiven: boolean,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!hasText(objective.code)) {
    issues.push(
      issueAt(scope, "objective.code-empty", "no tiene código.", { at: ["code"], field: "code" }),
    );
  } else {
    const code = objective.code.trim();
    const first = seen.get(code);
    if (first === undefined) seen.set(code, index);
    else {
      issues.push(
        issueAt(
          { ...scope, label: `${scope.label} (posición ${index + 1})` },
          "objective.code-duplicate",
          `el código está repetido; ya lo tiene el objetivo de la posición ${first + 1}.`,
          { at: ["code"], field: "code" },
        ),
      );
    }
  }
  if (!hasText(objective.name)) {
    issues.push(
      issueAt(scope, "objective.name-empty", "no tiene nombre.", { at: ["name"], field: "name" }),
    );
  }
  // formats.md §1: objective weights are given for all objectives or for none.
  if (weightsGiven && objective.weight === undefined) {
    issues.push(
      issueAt(
        scope,
        "objective-weights.partial",
        "no tiene ponderación y otros objetivos sí; la ponderación de los objetivos se da para todos o para ninguno.",
        { at: ["weight"], field: "weight" },
      ),
    );
  }
  if (objective.indicators.length === 0) {
    issues.push(
      issueAt(
        scope,
        "objective.no-indicators",
        "no tiene indicadores; su cumplimiento no se puede medir.",
        {
          at: ["indicators"],
          field: "indicators",
        },
      ),
    );
  }
  return issues;
}

export function checkIndicatorIdentity(
  scope: Scope,
  indicator: Indicator,
  where: FirstSeen,
  seen: Map<string, FirstSeen>,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!hasText(indicator.code)) {
    issues.push(
      issueAt(scope, "indicator.code-empty", "no tiene código.", { at: ["code"], field: "code" }),
    );
  } else {
    const code = indicator.code.trim();
    const first = seen.get(code);
    if (first === undefined) seen.set(code, where);
    else {
      const inObjective =
        first.objectiveIndex === where.objectiveIndex
          ? "del mismo objetivo"
          : `del ${first.objectiveLabel.replace(/^Objetivo/, "objetivo")}`;
      issues.push(
        issueAt(
          { ...scope, label: `${scope.label} (posición ${where.indicatorIndex + 1})` },
          "indicator.code-duplicate",
          `el código está repetido; ya lo tiene el indicador de la posición ${first.indicatorIndex + 1} ${inObjective}.`,
          { at: ["code"], field: "code" },
        ),
      );
    }
  }
  if (!hasText(indicator.name)) {
    issues.push(
      issueAt(scope, "indicator.name-empty", "no tiene nombre.", { at: ["name"], field: "name" }),
    );
  }
  return issues;
}
