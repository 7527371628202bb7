/**
 * validatePlanRules: a plan checked as a careful analyst would.
 * Every rule runs on whatever the plan holds, so one pass reports every issue;
 * the order is stable: the plan, then each objective followed by its
 * indicators, in plan order, and the rules in the same order for each.
 */
import type { Plan } from "../plan/plan.ts";
import { checkReportingAreas } from "./area-checks.ts";
import { checkBaseline } from "./baseline-checks.ts";
import { checkGoalText } from "./goal-text.ts";
import {
  checkHasObjectives,
  checkIndicatorIdentity,
  checkObjectiveIdentity,
  checkPlanIdentity,
  checkSemaforo,
  checkYears,
  type FirstSeen,
} from "./plan-checks.ts";
import { indicatorScope, objectiveScope } from "./scope.ts";
import { checkNeverProgrammed, checkTargets, checkTotal } from "./total-checks.ts";
import { checkUnits } from "./unit-checks.ts";
import type { ValidationIssue } from "./validation-issue.ts";
import {
  checkIndicatorWeightSums,
  checkObjectiveWeightSums,
  checkWeightValues,
} from "./weight-checks.ts";

export function validatePlanRules(plan: Plan): ValidationIssue[] {
  // A repeated vigencia is reported once by checkYears; per-year rules see it once.
  const years = [...new Set(plan.years)];
  const issues: ValidationIssue[] = [
    ...checkPlanIdentity(plan),
    ...checkYears(plan.years),
    ...checkSemaforo(plan.semaforo),
    ...checkHasObjectives(plan),
    ...checkObjectiveWeightSums(plan, years),
  ];
  const weightsGiven = plan.objectives.some((objective) => objective.weight !== undefined);
  const objectiveCodes = new Map<string, number>();
  const indicatorCodes = new Map<string, FirstSeen>();
  plan.objectives.forEach((objective, o) => {
    const scope = objectiveScope(objective, o);
    issues.push(
      ...checkObjectiveIdentity(scope, objective, o, objectiveCodes, weightsGiven),
      ...checkWeightValues(scope, objective.weight, years),
      ...checkIndicatorWeightSums(objective, scope, years),
    );
    objective.indicators.forEach((indicator, i) => {
      const at = indicatorScope(scope, indicator, i);
      const where = { objectiveIndex: o, objectiveLabel: scope.label, indicatorIndex: i };
      issues.push(
        ...checkIndicatorIdentity(at, indicator, where, indicatorCodes),
        ...checkWeightValues(at, indicator.weight, years),
        ...checkTargets(at, indicator, years),
        ...checkTotal(at, indicator, years),
        ...checkNeverProgrammed(at, indicator, years),
        ...checkBaseline(at, indicator, years),
        ...checkUnits(at, indicator, years),
        ...checkGoalText(at, indicator, years),
        ...checkReportingAreas(at, indicator),
      );
    });
  });
  return issues;
}
