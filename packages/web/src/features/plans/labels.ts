// One spelling of the tendencia and of the meta's name everywhere (core/plan/labels.ts, goal-label.ts).
export { GOAL_LABELS, goalLabel, TREND_LABELS } from "@rumbo/core";
