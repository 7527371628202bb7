import type { GoalType, Trend } from "@rumbo/core";

/** Tendencia as SEGPLAN and the plans write it ("tipo de anualización"). */
export const TREND_LABELS: Record<Trend, string> = {
  suma: "Suma",
  creciente: "Creciente",
  constante: "Constante",
  decreciente: "Decreciente",
};

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
