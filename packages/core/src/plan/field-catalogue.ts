/**
 * One catalogue of the fields of a plan, an objective and an indicator: the
 * key in rumbo.plan/v1, the Spanish words people read (the editor's label,
 * the matriz column, the noun inside messages), the kind of value, and
 * whether a plan en vigencia may change it only by reprogramación.
 *
 * The optional descriptive fields of the ficha técnica (`INDICATOR_FICHA_FIELDS`:
 * free text or a closed list, stored as written) are handled generically by
 * every layer — the Indicator type, the zod contract, the JSON reader, the
 * matriz reader and writer, the database, the editor and the version diff —
 * so a new field of the ficha is one entry here plus a database migration.
 */

import { LEVEL_SHARE_RULES } from "../seguimiento/area-shares.ts";
import { FREQUENCIES, GOAL_TYPES, MEASURES } from "./plan.ts";
import { TEXT_LIMITS } from "./text-limits.ts";

/** A closed list: its values in rumbo.plan/v1 and the word people read for each. */
export type FieldOptions<V extends string = string> = {
  readonly values: readonly V[];
  readonly labels: Readonly<Record<V, string>>;
};

type FieldBase<K extends string> = {
  readonly key: K;
  /** How the editor and the pages name the field ("Tipo de medida"). */
  readonly label: string;
  /** The field inside a sentence: "Indicador 1.1: tipo de medida: …". */
  readonly noun: string;
  /** True when, in a plan en vigencia, only a reprogramación may change it (programación). */
  readonly reprogramacion: boolean;
  readonly required?: boolean;
};

export type CatalogueField<K extends string = string> = FieldBase<K> & {
  readonly kind:
    | "text"
    | "enum"
    | "number"
    | "year"
    | "years"
    | "semaforo"
    | "weight"
    | "targets"
    | "flag";
};

/** An optional descriptive field of the ficha técnica: free text, or a value of a closed list. */
export type FichaField<K extends string = string> = FieldBase<K> & {
  /** Header of the column in the Indicadores sheet and the flat CSV. */
  readonly column: string;
  /** Help of the column in the «Léame» sheet and docs/formats.md. */
  readonly help: string;
  /**
   * Where the column goes in the Indicadores sheet: among the first columns,
   * or after the weights (fields added after the first layout, so the columns
   * planners already know keep their letters).
   */
  readonly matrix: "leading" | "trailing";
  /** Where the editor shows it: next to the meta, or in the ficha técnica block. */
  readonly editor: "meta" | "ficha";
  /** Shown and kept only while another field of the ficha has this value (razón → numerador). */
  readonly onlyWhen?: { readonly key: string; readonly value: string };
  readonly hint?: string;
  readonly maxLength?: number;
} & (
    | { readonly kind: "text"; readonly multiline?: boolean }
    | { readonly kind: "enum"; readonly options: FieldOptions }
  );

function options<V extends string>(
  values: readonly V[],
  labels: Record<V, string>,
): FieldOptions<V> {
  return { values, labels };
}

/** Longest free text of the ficha (a fórmula, a fuente): generous, but not a document. */
export const FICHA_TEXT_MAX_LENGTH = 2000;

export const GOAL_TYPE_OPTIONS = options(GOAL_TYPES, {
  sectorial: "Sectorial",
  estrategica: "Estratégica",
  proyecto: "Proyecto de inversión",
});
export const FREQUENCY_OPTIONS = options(FREQUENCIES, {
  mensual: "Mensual",
  trimestral: "Trimestral",
  anual: "Anual",
});
export const MEASURE_OPTIONS = options(MEASURES, {
  numero: "Número",
  porcentaje: "Porcentaje",
  indice: "Índice",
  razon: "Razón (numerador / denominador)",
});

/** Tipo de indicador of the DNP ficha técnica: what the indicator measures in the value chain. */
export const INDICATOR_TYPES = ["producto", "resultado", "gestion", "impacto"] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export const INDICATOR_TYPE_OPTIONS = options(INDICATOR_TYPES, {
  producto: "Producto",
  resultado: "Resultado",
  gestion: "Gestión",
  impacto: "Impacto",
});

/** How the shares of several reporting areas make a level's value (flows always add; a razón adds its terms). */
export const AREA_RULE_OPTIONS = options(LEVEL_SHARE_RULES, {
  suma: "Suma",
  promedio: "Promedio",
  ponderado: "Promedio ponderado",
});

function listHelp(options: FieldOptions): string {
  return `${Object.values(options.labels).join(", ")} o vacío.`;
}

/**
 * The ficha técnica's optional descriptive fields, in the order the editor
 * shows them and the trailing matriz columns are written.
 */
export const INDICATOR_FICHA_FIELDS = [
  {
    key: "goalType",
    kind: "enum",
    options: GOAL_TYPE_OPTIONS,
    label: "Tipo de meta",
    noun: "tipo de meta",
    column: "Tipo de meta",
    help: listHelp(GOAL_TYPE_OPTIONS),
    matrix: "leading",
    editor: "meta",
    reprogramacion: false,
  },
  {
    key: "goalCode",
    kind: "text",
    label: "Número de la meta",
    noun: "número de meta",
    column: "Número de meta",
    help: "Número de la meta que mide el indicador.",
    matrix: "leading",
    editor: "meta",
    reprogramacion: false,
    maxLength: TEXT_LIMITS.indicator.goalCode,
  },
  {
    key: "formula",
    kind: "text",
    multiline: true,
    label: "Fórmula",
    noun: "fórmula",
    column: "Fórmula",
    help: "Fórmula de cálculo (texto de la ficha técnica).",
    matrix: "leading",
    editor: "ficha",
    reprogramacion: false,
    maxLength: TEXT_LIMITS.indicator.formula,
  },
  {
    key: "measure",
    kind: "enum",
    options: MEASURE_OPTIONS,
    label: "Tipo de medida",
    noun: "tipo de medida",
    column: "Tipo de medida",
    help: listHelp(MEASURE_OPTIONS),
    matrix: "trailing",
    editor: "ficha",
    reprogramacion: false,
  },
  {
    key: "numerator",
    kind: "text",
    label: "Numerador",
    noun: "numerador",
    column: "Numerador",
    help: "Solo para razón: qué cuenta el numerador.",
    matrix: "trailing",
    editor: "ficha",
    onlyWhen: { key: "measure", value: "razon" },
    reprogramacion: false,
    maxLength: TEXT_LIMITS.indicator.numerator,
  },
  {
    key: "denominator",
    kind: "text",
    label: "Denominador",
    noun: "denominador",
    column: "Denominador",
    help: "Solo para razón: qué cuenta el denominador.",
    matrix: "trailing",
    editor: "ficha",
    onlyWhen: { key: "measure", value: "razon" },
    reprogramacion: false,
    maxLength: TEXT_LIMITS.indicator.denominator,
  },
  {
    key: "frequency",
    kind: "enum",
    options: FREQUENCY_OPTIONS,
    label: "Frecuencia de medición",
    noun: "frecuencia",
    column: "Frecuencia",
    help: listHelp(FREQUENCY_OPTIONS),
    matrix: "leading",
    editor: "ficha",
    reprogramacion: false,
  },
  {
    key: "source",
    kind: "text",
    label: "Fuente de los datos",
    noun: "fuente",
    column: "Fuente",
    help: "Fuente de los datos del indicador.",
    matrix: "leading",
    editor: "ficha",
    reprogramacion: false,
    maxLength: TEXT_LIMITS.indicator.source,
  },
  {
    key: "responsible",
    kind: "text",
    label: "Área responsable",
    noun: "responsable",
    column: "Responsable",
    help: "Dependencia o gerente de meta que reporta.",
    matrix: "leading",
    editor: "ficha",
    reprogramacion: false,
    maxLength: TEXT_LIMITS.indicator.responsible,
  },
  {
    key: "indicatorType",
    kind: "enum",
    options: INDICATOR_TYPE_OPTIONS,
    label: "Tipo de indicador",
    noun: "tipo de indicador",
    column: "Tipo de indicador",
    help: "Producto, Resultado, Gestión o Impacto (ficha técnica del DNP), o vacío.",
    matrix: "trailing",
    editor: "ficha",
    reprogramacion: false,
  },
  {
    key: "reportingAreas",
    kind: "text",
    label: "Áreas que reportan",
    noun: "áreas que reportan",
    column: "Áreas que reportan",
    help: "Solo si varias áreas reportan su parte: los nombres separados por «;»; con regla «Promedio ponderado», cada una con su peso («Secretaría de Salud = 60; Secretaría de Educación = 40»).",
    hint: "Secretaría de Salud; Secretaría de Educación",
    matrix: "trailing",
    editor: "ficha",
    reprogramacion: false,
    maxLength: TEXT_LIMITS.indicator.reportingAreas,
  },
  {
    key: "areaRule",
    kind: "enum",
    options: AREA_RULE_OPTIONS,
    label: "Regla para combinar las áreas",
    noun: "regla de las áreas",
    column: "Regla de las áreas",
    help: "Cómo se combinan las partes de las áreas en un indicador de nivel (creciente, constante, decreciente): Suma, Promedio o Promedio ponderado; vacío = Suma. Un indicador de tendencia suma siempre suma las partes y una razón suma numeradores y denominadores.",
    matrix: "trailing",
    editor: "ficha",
    reprogramacion: false,
  },
] as const satisfies readonly FichaField[];

export type IndicatorFichaField = (typeof INDICATOR_FICHA_FIELDS)[number];
export type FichaKey = IndicatorFichaField["key"];

/** The value type of a ficha field: its closed list, or text. */
export type FichaValue<F> = F extends { kind: "enum"; options: FieldOptions<infer V> } ? V : string;

/** The ficha part of an Indicator, one optional property per catalogue entry. */
export type IndicatorFicha = {
  [F in IndicatorFichaField as F["key"]]?: FichaValue<F>;
};

export function fichaField(key: FichaKey): IndicatorFichaField {
  const field = INDICATOR_FICHA_FIELDS.find((entry) => entry.key === key);
  if (field === undefined) throw new Error(`campo de la ficha desconocido: ${key}`);
  return field;
}

/** The closed list's value a text names (its key exactly), or undefined. */
export function fichaOption(field: FichaField, value: unknown): string | undefined {
  if (field.kind !== "enum") return undefined;
  return field.options.values.find((option) => option === value);
}

/** Whether the field applies given the other fields (numerador only for a razón). */
export function fichaApplies(
  field: FichaField,
  values: Readonly<Record<string, unknown>>,
): boolean {
  return field.onlyWhen === undefined || values[field.onlyWhen.key] === field.onlyWhen.value;
}

/** The fields of the plan itself (the Plan sheet of the matriz has its own table, matrix-columns.ts). */
export const PLAN_CATALOGUE = [
  {
    key: "code",
    kind: "text",
    label: "Código",
    noun: "código",
    reprogramacion: false,
    required: true,
  },
  {
    key: "name",
    kind: "text",
    label: "Nombre",
    noun: "nombre",
    reprogramacion: false,
    required: true,
  },
  { key: "entity", kind: "text", label: "Entidad", noun: "entidad", reprogramacion: false },
  { key: "mission", kind: "text", label: "Misión", noun: "misión", reprogramacion: false },
  { key: "vision", kind: "text", label: "Visión", noun: "visión", reprogramacion: false },
  { key: "source", kind: "text", label: "Fuente", noun: "fuente", reprogramacion: false },
  { key: "years", kind: "years", label: "Vigencias", noun: "vigencias", reprogramacion: true },
  { key: "semaforo", kind: "semaforo", label: "Semáforo", noun: "semáforo", reprogramacion: false },
] as const satisfies readonly CatalogueField[];

export const OBJECTIVE_CATALOGUE = [
  {
    key: "code",
    kind: "text",
    label: "Código",
    noun: "código",
    reprogramacion: false,
    required: true,
  },
  {
    key: "name",
    kind: "text",
    label: "Nombre",
    noun: "nombre",
    reprogramacion: false,
    required: true,
  },
  {
    key: "weight",
    kind: "weight",
    label: "Ponderación",
    noun: "ponderación",
    reprogramacion: true,
  },
] as const satisfies readonly CatalogueField[];

/** Every field of an indicator, in the order the version diff lists its changes. */
export const INDICATOR_CATALOGUE: readonly CatalogueField[] = [
  {
    key: "code",
    kind: "text",
    label: "Código",
    noun: "código",
    reprogramacion: false,
    required: true,
  },
  {
    key: "name",
    kind: "text",
    label: "Nombre",
    noun: "nombre",
    reprogramacion: false,
    required: true,
  },
  { key: "goal", kind: "text", label: "Texto de la meta", noun: "meta", reprogramacion: false },
  {
    key: "trend",
    kind: "enum",
    label: "Tendencia",
    noun: "tendencia",
    reprogramacion: false,
    required: true,
  },
  {
    key: "progress",
    kind: "flag",
    label: "Variante de avance",
    noun: "variante de avance",
    reprogramacion: false,
  },
  { key: "unit", kind: "text", label: "Unidad de medida", noun: "unidad", reprogramacion: false },
  {
    key: "baseline",
    kind: "number",
    label: "Línea base",
    noun: "línea base",
    reprogramacion: false,
  },
  {
    key: "baselineYear",
    kind: "year",
    label: "Año de la línea base",
    noun: "año de la línea base",
    reprogramacion: false,
  },
  ...INDICATOR_FICHA_FIELDS,
  {
    key: "targets",
    kind: "targets",
    label: "Programación",
    noun: "programación",
    reprogramacion: true,
  },
  {
    key: "total",
    kind: "number",
    label: "Programación del periodo",
    noun: "programación total",
    reprogramacion: true,
  },
  {
    key: "weight",
    kind: "weight",
    label: "Ponderación",
    noun: "ponderación",
    reprogramacion: true,
  },
];

/** Fields that are programación: in a plan en vigencia only a reprogramación changes them. */
export const PROGRAMMING_FIELDS: ReadonlySet<string> = new Set(
  [...PLAN_CATALOGUE, ...OBJECTIVE_CATALOGUE, ...INDICATOR_CATALOGUE]
    .filter((field) => field.reprogramacion)
    .map((field) => field.key),
);
