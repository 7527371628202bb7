/** The Spanish words people read for the plan's closed lists, one spelling everywhere (pages, matriz, messages). */
import { FREQUENCY_OPTIONS, GOAL_TYPE_OPTIONS, MEASURE_OPTIONS } from "./field-catalogue.ts";
import type { Trend } from "./plan.ts";

/** Tendencia as SEGPLAN and the plans write it ("tipo de anualización"). */
export const TREND_LABELS: Record<Trend, string> = {
  suma: "Suma",
  creciente: "Creciente",
  constante: "Constante",
  decreciente: "Decreciente",
};

export const FREQUENCY_LABELS = FREQUENCY_OPTIONS.labels;
export const MEASURE_LABELS = MEASURE_OPTIONS.labels;
export const GOAL_TYPE_LABELS = GOAL_TYPE_OPTIONS.labels;
