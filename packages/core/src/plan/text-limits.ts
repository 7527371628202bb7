/**
 * How long each text of a plan may be, one constant per field: the plan
 * reader refuses longer text with a message naming the field and the limit,
 * and the editor shows the limit as the planner types. Generous for the
 * longest texts public plans carry (a seed objective's name has 377
 * characters), short for codes and units.
 */

export const TEXT_LIMITS = {
  plan: {
    code: 40,
    name: 300,
    entity: 200,
    mission: 3000,
    vision: 3000,
    source: 1000,
  },
  objective: {
    code: 20,
    name: 1000,
  },
  indicator: {
    code: 40,
    name: 1000,
    goal: 2000,
    unit: 60,
    goalCode: 40,
    formula: 1000,
    numerator: 500,
    denominator: 500,
    source: 500,
    responsible: 200,
    reportingAreas: 2000,
  },
} as const;

export type PlanTextField = keyof typeof TEXT_LIMITS.plan;
export type ObjectiveTextField = keyof typeof TEXT_LIMITS.objective;
export type IndicatorTextField = keyof typeof TEXT_LIMITS.indicator;

/** The message when a text passes its limit; `label` names the field as the planner reads it. */
export function tooLongMessage(label: string, limit: number, length: number): string {
  return `${label} tiene ${length} caracteres; el máximo es ${limit}`;
}

const OBJECTIVE_PATH = /^objectives\[\d+\]\.([A-Za-z]+)$/;
const INDICATOR_PATH = /^objectives\[\d+\]\.indicators\[\d+\]\.([A-Za-z]+)$/;

function limitIn(table: Readonly<Record<string, number>>, key: string): number | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * The limit of the text at a JSON path of the plan (`name`,
 * `objectives[0].name`, `objectives[0].indicators[2].unit`); `undefined`
 * when the path is not a text of the plan.
 */
export function textLimitAt(path: string): number | undefined {
  const indicator = INDICATOR_PATH.exec(path);
  if (indicator?.[1] !== undefined) return limitIn(TEXT_LIMITS.indicator, indicator[1]);
  const objective = OBJECTIVE_PATH.exec(path);
  if (objective?.[1] !== undefined) return limitIn(TEXT_LIMITS.objective, objective[1]);
  return limitIn(TEXT_LIMITS.plan, path);
}
