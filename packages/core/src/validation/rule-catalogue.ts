/**
 * Catalogue of the validation rules, for the docs and the editor's
 * help. Each code is stable: the UI, the API and saved reports refer to it.
 * The severity lives here only, so an issue can never disagree with its rule.
 */
import { MAX_VIGENCIAS } from "../shared/bounds.ts";
import type { Severity } from "./validation-issue.ts";

export type ValidationRule = { code: string; severity: Severity; description: string };

export const VALIDATION_RULES = [
  // The plan as a whole.
  { code: "plan.code-empty", severity: "error", description: "El plan no tiene código." },
  { code: "plan.name-empty", severity: "error", description: "El plan no tiene nombre." },
  { code: "years.empty", severity: "error", description: "El plan no tiene vigencias." },
  {
    code: "years.not-contiguous",
    severity: "error",
    description:
      "Las vigencias del plan deben ser años enteros, consecutivos y en orden ascendente.",
  },
  {
    code: "years.too-many",
    severity: "error",
    description: `El plan tiene más de ${MAX_VIGENCIAS} vigencias.`,
  },
  {
    code: "semaforo.order",
    severity: "error",
    description: "El umbral rojo del semáforo supera al amarillo.",
  },
  {
    code: "semaforo.amarillo-above-one",
    severity: "warning",
    description:
      "El umbral amarillo pasa de 1 (100 %): con el tope de 100 % ningún cumplimiento llega a verde.",
  },
  {
    code: "semaforo.sobreejecucion-not-above-one",
    severity: "warning",
    description:
      "El umbral de sobre-ejecución no pasa de 1 (100 %): se marcaría como sobre-ejecución un resultado que apenas cumple la meta.",
  },
  { code: "plan.no-objectives", severity: "error", description: "El plan no tiene objetivos." },
  {
    code: "objective-weights.sum-not-100",
    severity: "warning",
    description:
      "Las ponderaciones de los objetivos (cuando se dan) no suman 100 % en una vigencia o en el periodo.",
  },
  // Objectives.
  { code: "objective.code-empty", severity: "error", description: "Un objetivo no tiene código." },
  {
    code: "objective.code-duplicate",
    severity: "error",
    description: "Dos objetivos tienen el mismo código.",
  },
  { code: "objective.name-empty", severity: "error", description: "Un objetivo no tiene nombre." },
  {
    code: "objective-weights.partial",
    severity: "error",
    description: "Unos objetivos tienen ponderación y otros no: se da para todos o para ninguno.",
  },
  {
    code: "objective.no-indicators",
    severity: "warning",
    description: "Un objetivo no tiene indicadores: su cumplimiento no se puede medir.",
  },
  {
    code: "weights.sum-not-100",
    severity: "warning",
    description:
      "En una vigencia, las ponderaciones de los indicadores programados de un objetivo no suman 100 % (el cálculo las renormaliza).",
  },
  {
    code: "weights.period-sum-not-100",
    severity: "warning",
    description:
      "Las ponderaciones del periodo (total) de los indicadores de un objetivo no suman 100 %.",
  },
  // Indicators.
  { code: "indicator.code-empty", severity: "error", description: "Un indicador no tiene código." },
  {
    code: "indicator.code-duplicate",
    severity: "error",
    description: "Dos indicadores del plan tienen el mismo código.",
  },
  { code: "indicator.name-empty", severity: "error", description: "Un indicador no tiene nombre." },
  {
    code: "weight.year-outside-plan",
    severity: "error",
    description: "Una ponderación por vigencia nombra un año que no es vigencia del plan.",
  },
  {
    code: "weight.year-missing",
    severity: "error",
    description:
      "Una ponderación por vigencia no nombra alguna vigencia del plan (se tomaría como 0 %).",
  },
  { code: "weight.negative", severity: "error", description: "Una ponderación es negativa." },
  { code: "weight.above-100", severity: "warning", description: "Una ponderación pasa de 100 %." },
  {
    code: "targets.year-outside-plan",
    severity: "error",
    description: "La programación nombra un año que no es vigencia del plan.",
  },
  {
    code: "targets.negative",
    severity: "error",
    description: "Una meta o la programación del periodo es negativa.",
  },
  {
    code: "targets.zero-read-as-np",
    severity: "warning",
    description:
      "Una meta 0 de tendencia suma, creciente o constante se lee como no programada (NP), no como meta 0.",
  },
  {
    code: "total.not-programmed",
    severity: "warning",
    description:
      "La programación del periodo está vacía o en 0 aunque hay vigencias programadas: el periodo queda no programado (NP).",
  },
  {
    code: "total.trend-mismatch",
    severity: "warning",
    description:
      "La programación del periodo no es la que implica la tendencia (suma: la suma de las vigencias; las demás: la última vigencia programada).",
  },
  {
    code: "indicator.never-programmed",
    severity: "warning",
    description: "Un indicador tiene ponderación pero no está programado en ninguna vigencia.",
  },
  {
    code: "baseline.missing",
    severity: "error",
    description:
      "Falta la línea base de un indicador decreciente o de uno que mide el avance desde la línea base.",
  },
  {
    code: "baseline.equals-target",
    severity: "error",
    description:
      "La línea base es igual a una meta programada (o al total): la fórmula divide por B − T = 0.",
  },
  {
    code: "unit.percent-over-100",
    severity: "warning",
    description: "Un indicador en % tiene una meta o un total mayor que 100.",
  },
  {
    code: "unit.percent-as-fraction",
    severity: "warning",
    description:
      "Un indicador en % tiene todos sus valores en 1 o menos: ¿fracción en lugar de porcentaje?",
  },
  {
    code: "goal.text-artefact",
    severity: "warning",
    description:
      "El texto de la meta contiene un número seguido de punto en medio de la frase, que parece un código pegado por error.",
  },
  {
    code: "goal.total-mismatch",
    severity: "warning",
    description:
      "El número que promete el texto de la meta no coincide con la programación del periodo.",
  },
  {
    code: "areas.unreadable",
    severity: "error",
    description:
      "Las áreas que reportan un indicador no se entienden: un nombre vacío o repetido, o un peso que no es un número.",
  },
  {
    code: "areas.rule-without-areas",
    severity: "error",
    description:
      "Un indicador declara la regla para combinar las áreas pero no las áreas que reportan.",
  },
  {
    code: "areas.ratio-mean",
    severity: "error",
    description:
      "Una razón con varias áreas suma numeradores y denominadores; nunca promedia porcentajes.",
  },
  {
    code: "areas.weights-missing",
    severity: "error",
    description: "Con la regla promedio ponderado, un área que reporta no tiene peso.",
  },
  {
    code: "areas.weights-sum-not-100",
    severity: "error",
    description: "Los pesos de las áreas que reportan un indicador no suman 100.",
  },
  {
    code: "areas.flow-mean",
    severity: "warning",
    description:
      "Un indicador de tendencia suma declara promedio para sus áreas: un flujo siempre suma las partes.",
  },
  {
    code: "areas.weights-unused",
    severity: "warning",
    description:
      "Las áreas que reportan tienen pesos pero la regla no es promedio ponderado: los pesos no se usan.",
  },
] as const satisfies readonly ValidationRule[];

export type ValidationCode = (typeof VALIDATION_RULES)[number]["code"];

const SEVERITY_BY_CODE = new Map<string, Severity>(
  VALIDATION_RULES.map((rule) => [rule.code, rule.severity]),
);

export function severityOf(code: ValidationCode): Severity {
  // Every ValidationCode comes from VALIDATION_RULES, so the lookup always finds it.
  return SEVERITY_BY_CODE.get(code) ?? "error";
}
