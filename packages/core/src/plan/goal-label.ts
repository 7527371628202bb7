import type { GoalType } from "./plan.ts";

/**
 * The meta named by its type, as the pages write it ("Meta sectorial 2307").
 * Not the matriz's cell spelling of the type («Sectorial»): that one belongs
 * to the matriz columns.
 */
export const GOAL_LABELS: Record<GoalType, string> = {
  sectorial: "Meta sectorial",
  estrategica: "Meta estratégica",
  proyecto: "Meta de proyecto de inversión",
};

/** "Meta sectorial 2307", "Meta estratégica 78", or undefined when the plan names no meta. */
export function goalLabel(
  goalType: GoalType | undefined,
  goalCode: string | undefined,
): string | undefined {
  const kind = goalType === undefined ? "Meta" : GOAL_LABELS[goalType];
  if (goalCode !== undefined) return `${kind} ${goalCode}`;
  return goalType === undefined ? undefined : kind;
}
