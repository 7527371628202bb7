/**
 * Names and meaning of every field of the matrix: the labels the sheets show,
 * the words of the lists (tendencia, tipo de meta…) and the help the "Léame"
 * sheet and docs/formats.md print. One table, so the exporter, the importer
 * and the explanation cannot drift apart.
 */
import {
  type FichaKey,
  INDICATOR_FICHA_FIELDS,
  type IndicatorFichaField,
} from "../plan/field-catalogue.ts";
import { FREQUENCY_LABELS, MEASURE_LABELS, TREND_LABELS } from "../plan/labels.ts";

export { FREQUENCY_LABELS, MEASURE_LABELS, TREND_LABELS };

export type FieldSpec<K extends string> = {
  key: K;
  label: string;
  help: string;
  required?: boolean;
};

export type PlanFieldKey =
  | "code"
  | "name"
  | "entity"
  | "yearFrom"
  | "yearTo"
  | "mission"
  | "vision"
  | "source"
  | "rojo"
  | "amarillo"
  | "sobreejecucion";

export const PLAN_SHEET_HEADER = ["Campo", "Valor"] as const;

export const PLAN_FIELDS: readonly FieldSpec<PlanFieldKey>[] = [
  { key: "code", label: "Código", help: "Código único del plan.", required: true },
  { key: "name", label: "Nombre", help: "Nombre del plan.", required: true },
  { key: "entity", label: "Entidad", help: "Entidad o sector que formula el plan." },
  {
    key: "yearFrom",
    label: "Vigencia desde",
    help: "Primera vigencia (año) del plan.",
    required: true,
  },
  {
    key: "yearTo",
    label: "Vigencia hasta",
    help: "Última vigencia; las hojas tienen una columna por cada año entre las dos.",
    required: true,
  },
  { key: "mission", label: "Misión", help: "Misión de la entidad (texto)." },
  { key: "vision", label: "Visión", help: "Visión de la entidad (texto)." },
  { key: "source", label: "Fuente", help: "Fuente de los datos del plan (p. ej. SEGPLAN)." },
  {
    key: "rojo",
    label: "Semáforo rojo: menos de (%)",
    help: "Cumplimiento por debajo de este porcentaje es rojo (70 = 70 %).",
  },
  {
    key: "amarillo",
    label: "Semáforo amarillo: menos de (%)",
    help: "Por debajo de este porcentaje (y desde el rojo) es amarillo; desde él, verde.",
  },
  {
    key: "sobreejecucion",
    label: "Sobreejecución: más de (%)",
    help: "Por encima de este porcentaje se marca sobreejecución. Los tres umbrales se llenan juntos o se dejan vacíos (70, 90 y 125 por defecto).",
  },
];

export type ObjectiveColumnKey = "code" | "name";

export const OBJECTIVE_COLUMNS: readonly FieldSpec<ObjectiveColumnKey>[] = [
  { key: "code", label: "Código", help: "Código único del objetivo.", required: true },
  { key: "name", label: "Nombre", help: "Nombre del objetivo.", required: true },
];

export type IndicatorColumnKey =
  | "objective"
  | "code"
  | "name"
  | "goal"
  | "trend"
  | "progress"
  | "unit"
  | "baseline"
  | "baselineYear"
  | FichaKey;

/** The column of a field of the ficha, as the catalogue names and explains it. */
function fichaColumn(field: IndicatorFichaField): FieldSpec<IndicatorColumnKey> {
  return { key: field.key, label: field.column, help: field.help };
}

function leadingFicha(key: FichaKey): FieldSpec<IndicatorColumnKey> {
  const field = INDICATOR_FICHA_FIELDS.find((entry) => entry.key === key);
  if (field === undefined || field.matrix !== "leading") throw new Error(`sin columna: ${key}`);
  return fichaColumn(field);
}

export const FROM_BASELINE_LABEL = "Desde la línea base";

/** No programado: in «Programación total» it is the JSON `null`; in a year, a year left out. */
export const NP_TOKEN = "NP";
/** No disponible: «Línea base» left out of the plan (empty = `null`), «Año línea base» `null`. */
export const ND_TOKEN = "ND";

export const INDICATOR_COLUMNS: readonly FieldSpec<IndicatorColumnKey>[] = [
  {
    key: "objective",
    label: "Objetivo",
    help: "Código del objetivo (hoja Objetivos) al que aporta el indicador.",
    required: true,
  },
  { key: "code", label: "Código", help: "Código único del indicador en el plan.", required: true },
  { key: "name", label: "Nombre", help: "Nombre del indicador.", required: true },
  leadingFicha("goalType"),
  leadingFicha("goalCode"),
  { key: "goal", label: "Meta (texto)", help: "Texto de la meta tal como lo escribe el plan." },
  {
    key: "trend",
    label: "Tendencia",
    help: `${Object.values(TREND_LABELS).join(", ")}: cómo se combinan los años.`,
    required: true,
  },
  {
    key: "progress",
    label: "Variante de avance",
    help: `Vacío, o «${FROM_BASELINE_LABEL}» (solo tendencia Creciente: mide (A − B) / (T − B)).`,
  },
  { key: "unit", label: "Unidad", help: "Unidad de medida (número, %, índice…)." },
  {
    key: "baseline",
    label: "Línea base",
    help: `Valor de la línea base; obligatoria para Decreciente. Vacía = sin línea base; «${ND_TOKEN}» = el plan no la menciona.`,
  },
  {
    key: "baselineYear",
    label: "Año línea base",
    help: `Año de la línea base. Vacío = no se indica; «${ND_TOKEN}» = no disponible.`,
  },
  leadingFicha("formula"),
  leadingFicha("frequency"),
  leadingFicha("source"),
  leadingFicha("responsible"),
];

/**
 * Ficha técnica columns written after the weights (added after the first
 * layout, so the columns planners already know keep their letters); the
 * reader finds every column by its header wherever it is.
 */
export const INDICATOR_TRAILING_COLUMNS: readonly FieldSpec<IndicatorColumnKey>[] =
  INDICATOR_FICHA_FIELDS.filter((field) => field.matrix === "trailing").map(fichaColumn);

export const ALL_INDICATOR_COLUMNS: readonly FieldSpec<IndicatorColumnKey>[] = [
  ...INDICATOR_COLUMNS,
  ...INDICATOR_TRAILING_COLUMNS,
];

export const TARGET_TOTAL_HEADER = "Programación total";
export const WEIGHT_TOTAL_HEADER = "Ponderación total (%)";

export function targetHeader(year: number): string {
  return `Programación ${year}`;
}

export function weightHeader(year: number): string {
  return `Ponderación ${year} (%)`;
}

/** Labels compared as planners retype them: no accents, case or extra spaces. */
export function normalizeLabel(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Header key: a normalized label without a trailing "(%)" ("Ponderación total" = "Ponderación total (%)"). */
export function headerKey(text: string): string {
  return normalizeLabel(text)
    .replace(/\s*\(\s*%\s*\)$|\s*%$/, "")
    .trim();
}

/** The value of a list cell: its label or the rumbo.plan/v1 word, any case or accents. */
export function findLabelled<T extends string>(
  labels: Record<T, string>,
  text: string,
): T | undefined {
  const wanted = normalizeLabel(text);
  for (const key in labels) {
    if (normalizeLabel(labels[key]) === wanted || normalizeLabel(key) === wanted) return key;
  }
  return undefined;
}
