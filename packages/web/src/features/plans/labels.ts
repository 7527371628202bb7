import type { GoalType } from "@rumbo/core";

// One spelling of the tendencia everywhere (core/plan/labels.ts).
export { TREND_LABELS } from "@rumbo/core";

export const GOAL_TYPE_LABELS: Record<GoalType, string> = {
  sectorial: "Meta sectorial",
  estrategica: "Meta estratégica",
  proyecto: "Meta de proyecto de inversión",
};

/** "Meta sectorial 2307", "Meta estratégica 78", or undefined when the plan names no meta. */
export function goalLabel(goalType: GoalType | undefined, goalCode: string | undefined) {
  const kind = goalType === undefined ? "Meta" : GOAL_TYPE_LABELS[goalType];
  if (goalCode !== undefined) return `${kind} ${goalCode}`;
  return goalType === undefined ? undefined : kind;
}
