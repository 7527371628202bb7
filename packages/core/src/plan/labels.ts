/** The Spanish words people read for the plan's closed lists, one spelling everywhere (pages, matriz, messages). */
import type { Frequency, Measure, Trend } from "./plan.ts";

/** Tendencia as SEGPLAN and the plans write it ("tipo de anualización"). */
export const TREND_LABELS: Record<Trend, string> = {
  suma: "Suma",
  creciente: "Creciente",
  constante: "Constante",
  decreciente: "Decreciente",
};

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  mensual: "Mensual",
  trimestral: "Trimestral",
  anual: "Anual",
};

export const MEASURE_LABELS: Record<Measure, string> = {
  numero: "Número",
  porcentaje: "Porcentaje",
  indice: "Índice",
  razon: "Razón (numerador / denominador)",
};
