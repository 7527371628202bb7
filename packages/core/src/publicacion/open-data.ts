/**
 * Datos abiertos of a published corte (Ley 1712 de 2014, MinTIC Res. 1519 de
 * 2020; docs/formats.md «Datos abiertos»): the long table — one row per
 * indicator × reporting period, codes beside names and an explicit `estado` —
 * written as the canonical CSV (RFC 4180, UTF-8, comma, dot decimal, ISO
 * dates) and as the «CSV para Excel» (BOM, `;`, decimal comma), with the
 * Table Schema that describes it. Everything is read from the stored
 * snapshot, so the files say exactly what the publication says: approved
 * values only, dependencias and never people (Ley 1581 de 2012).
 */
import type { ComplianceResult } from "../compliance/types.ts";
import type { ActualValue } from "../formats/actuals-csv.ts";
import { daysInMonth, formatPeriod, type Period, parsePeriod } from "../formats/period.ts";
import { plainDecimal } from "../matrix/matrix-numbers.ts";
import { isProgrammed, type Plan } from "../plan/plan.ts";
import { cortePeriodEnd } from "../seguimiento/corte.ts";
import { DEFAULT_FREQUENCY } from "../seguimiento/corte-progress.ts";
import type { CorteSnapshot } from "./publication-snapshot.ts";

export const OPEN_DATA_STATES = ["reportado", "no_programado", "sin_reporte", "pendiente"] as const;
/** Why a row has or lacks a value: reported, not programmed (NP), due but missing, not yet due. */
export type OpenDataState = (typeof OPEN_DATA_STATES)[number];

export type OpenDataRow = {
  plan_codigo: string;
  plan_nombre: string;
  corte: string;
  publicacion: number;
  objetivo_codigo: string;
  objetivo_nombre: string;
  indicador_codigo: string;
  indicador_nombre: string;
  dependencia_responsable: string | null;
  unidad: string | null;
  tendencia: string;
  frecuencia: string;
  vigencia: number;
  periodo: string;
  fecha_inicio: string;
  fecha_fin: string;
  meta_vigencia: number | null;
  valor: number | null;
  estado: OpenDataState;
  fecha_aprobacion: string | null;
};

type FieldType = "string" | "integer" | "number" | "date";

export type TableSchemaField = {
  name: keyof OpenDataRow;
  title: string;
  type: FieldType;
  description: string;
  constraints?: { required?: boolean; enum?: readonly string[] };
};

/** The columns, in file order, with what a reader of the data needs to know of each. */
export const OPEN_DATA_FIELDS: readonly TableSchemaField[] = [
  {
    name: "plan_codigo",
    title: "Código del plan",
    type: "string",
    description: "Código del plan estratégico.",
    constraints: { required: true },
  },
  {
    name: "plan_nombre",
    title: "Plan",
    type: "string",
    description: "Nombre del plan estratégico.",
    constraints: { required: true },
  },
  {
    name: "corte",
    title: "Fecha de corte",
    type: "date",
    description: "Último día del periodo que cubre el corte publicado (AAAA-MM-DD).",
    constraints: { required: true },
  },
  {
    name: "publicacion",
    title: "Número de publicación",
    type: "integer",
    description:
      "Número de la publicación del plan de la que salen los datos; una corrección posterior es una publicación nueva con otro número.",
    constraints: { required: true },
  },
  {
    name: "objetivo_codigo",
    title: "Código del objetivo",
    type: "string",
    description: "Código del objetivo estratégico al que pertenece el indicador.",
    constraints: { required: true },
  },
  {
    name: "objetivo_nombre",
    title: "Objetivo",
    type: "string",
    description: "Nombre del objetivo estratégico.",
    constraints: { required: true },
  },
  {
    name: "indicador_codigo",
    title: "Código del indicador",
    type: "string",
    description: "Código del indicador (número de la meta en el plan).",
    constraints: { required: true },
  },
  {
    name: "indicador_nombre",
    title: "Indicador",
    type: "string",
    description: "Nombre del indicador según su ficha técnica.",
    constraints: { required: true },
  },
  {
    name: "dependencia_responsable",
    title: "Dependencia responsable",
    type: "string",
    description:
      "Dependencia responsable del indicador según su ficha técnica; nunca el nombre de una persona.",
  },
  {
    name: "unidad",
    title: "Unidad de medida",
    type: "string",
    description: "Unidad en que se expresan la meta y el valor.",
  },
  {
    name: "tendencia",
    title: "Tendencia",
    type: "string",
    description:
      "Cómo se acumula el indicador: suma (los periodos se suman), creciente, constante o decreciente (cuenta el último valor).",
    constraints: { required: true, enum: ["suma", "creciente", "constante", "decreciente"] },
  },
  {
    name: "frecuencia",
    title: "Frecuencia de reporte",
    type: "string",
    description: "Cada cuánto se reporta el indicador: mensual, trimestral o anual.",
    constraints: { required: true, enum: ["mensual", "trimestral", "anual"] },
  },
  {
    name: "vigencia",
    title: "Vigencia",
    type: "integer",
    description: "Año de la vigencia a la que pertenece el periodo.",
    constraints: { required: true },
  },
  {
    name: "periodo",
    title: "Periodo",
    type: "string",
    description: "Periodo reportado: AAAA (año), AAAA-Qn (trimestre) o AAAA-MM (mes).",
    constraints: { required: true },
  },
  {
    name: "fecha_inicio",
    title: "Inicio del periodo",
    type: "date",
    description: "Primer día del periodo (AAAA-MM-DD).",
    constraints: { required: true },
  },
  {
    name: "fecha_fin",
    title: "Fin del periodo",
    type: "date",
    description: "Último día del periodo (AAAA-MM-DD).",
    constraints: { required: true },
  },
  {
    name: "meta_vigencia",
    title: "Meta de la vigencia",
    type: "number",
    description:
      "Meta programada para la vigencia completa (no la del periodo); vacía cuando la vigencia no está programada.",
  },
  {
    name: "valor",
    title: "Valor reportado",
    type: "number",
    description:
      "Valor aprobado del periodo (con las dependencias que reportan ya combinadas); vacío si el estado no es reportado.",
  },
  {
    name: "estado",
    title: "Estado",
    type: "string",
    description:
      "reportado: hay un valor aprobado; no_programado: la vigencia no tiene meta (NP); sin_reporte: el periodo ya debía reportarse y no hay valor aprobado; pendiente: el periodo termina después del corte.",
    constraints: { required: true, enum: OPEN_DATA_STATES },
  },
  {
    name: "fecha_aprobacion",
    title: "Fecha de aprobación",
    type: "date",
    description: "Día en que planeación aprobó el último reporte del periodo (AAAA-MM-DD).",
  },
];

export const OPEN_DATA_PRIMARY_KEY = ["indicador_codigo", "periodo"] as const;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

const KIND_FREQUENCY: Record<Period["kind"], string> = {
  year: "anual",
  quarter: "trimestral",
  month: "mensual",
};

/** The indicator's reporting periods in a year, by its frecuencia. */
function periodsOfYear(year: number, frequency: string): Period[] {
  if (frequency === "mensual") {
    return Array.from({ length: 12 }, (_, i) => ({ year, kind: "month", index: i + 1 }));
  }
  if (frequency === "trimestral") {
    return Array.from({ length: 4 }, (_, i) => ({ year, kind: "quarter", index: i + 1 }));
  }
  return [{ year, kind: "year", index: 0 }];
}

function periodStart(period: Period): string {
  const month =
    period.kind === "year" ? 1 : period.kind === "quarter" ? period.index * 3 - 2 : period.index;
  return `${pad(period.year, 4)}-${pad(month)}-01`;
}

/** The last day of the period (a month's own end; a quarter's or a year's as the corte's). */
function periodEnd(period: Period): string {
  if (period.kind !== "month") return cortePeriodEnd(period);
  return `${pad(period.year, 4)}-${pad(period.index)}-${pad(daysInMonth(period.year, period.index))}`;
}

function periodOrder(a: Period, b: Period): number {
  return periodEnd(a).localeCompare(periodEnd(b)) || periodStart(b).localeCompare(periodStart(a));
}

/**
 * The long table of a published corte: for every indicator, every period its
 * frecuencia reports in the plan's vigencias up to the corte's (in the
 * granularity of the values approved for that year, if any), with the
 * approved value and its `estado`.
 */
export function openDataRows(snapshot: CorteSnapshot, publication: number): OpenDataRow[] {
  const { plan, corte } = snapshot;
  const actuals = new Map<string, Map<string, number>>();
  for (const a of snapshot.actuals) {
    let byPeriod = actuals.get(a.indicator);
    if (!byPeriod) {
      byPeriod = new Map();
      actuals.set(a.indicator, byPeriod);
    }
    byPeriod.set(a.period, a.value);
  }
  const approvedOn = new Map<string, string>();
  for (const r of snapshot.reports) {
    const key = `${r.indicator}\u0000${r.period}`;
    const known = approvedOn.get(key);
    if (!known || r.approvedOn > known) approvedOn.set(key, r.approvedOn);
  }
  const rows: OpenDataRow[] = [];
  for (const objective of plan.objectives) {
    for (const indicator of objective.indicators) {
      const frequency = indicator.frequency ?? DEFAULT_FREQUENCY;
      const reported = actuals.get(indicator.code) ?? new Map<string, number>();
      // A year's periods follow its approved values when it has any (one
      // granularity per indicator and year, formats.md §2), else the frecuencia.
      const reportedKind = new Map<number, Period["kind"]>();
      for (const text of reported.keys()) {
        const p = parsePeriod(text);
        if (p) reportedKind.set(p.year, p.kind);
      }
      const periods = new Map<string, Period>();
      // The vigencias up to the corte's: later ones hold nothing a corte could report.
      const years = [...plan.years, ...reportedKind.keys()].filter((y) => y <= snapshot.vigencia);
      for (const year of new Set(years)) {
        const kind = reportedKind.get(year);
        const of = kind === undefined ? frequency : KIND_FREQUENCY[kind];
        for (const p of periodsOfYear(year, of)) periods.set(formatPeriod(p), p);
      }
      for (const period of [...periods.values()].sort(periodOrder)) {
        const text = formatPeriod(period);
        const target = indicator.targets[String(period.year)];
        const value = reported.get(text);
        const programmed = isProgrammed(target, indicator.trend);
        const state: OpenDataState =
          value !== undefined
            ? "reportado"
            : !programmed
              ? "no_programado"
              : cortePeriodEnd(period) > corte.periodEnd
                ? "pendiente"
                : "sin_reporte";
        rows.push({
          plan_codigo: plan.code,
          plan_nombre: plan.name,
          corte: corte.periodEnd,
          publicacion: publication,
          objetivo_codigo: objective.code,
          objetivo_nombre: objective.name,
          indicador_codigo: indicator.code,
          indicador_nombre: indicator.name,
          dependencia_responsable: indicator.responsible?.trim() || null,
          unidad: indicator.unit?.trim() || null,
          tendencia: indicator.trend,
          frecuencia: frequency,
          vigencia: period.year,
          periodo: text,
          fecha_inicio: periodStart(period),
          fecha_fin: periodEnd(period),
          meta_vigencia: programmed ? (target as number) : null,
          valor: value ?? null,
          estado: state,
          fecha_aprobacion:
            value === undefined ? null : (approvedOn.get(`${indicator.code}\u0000${text}`) ?? null),
        });
      }
    }
  }
  return rows;
}

/** The values of the rows with estado `reportado`: the actuals the engine used (formats.md §2). */
export function openDataActuals(rows: readonly OpenDataRow[]): ActualValue[] {
  return rows
    .filter((r) => r.estado === "reportado" && r.valor !== null)
    .map((r) => ({ indicator: r.indicador_codigo, period: r.periodo, value: r.valor as number }));
}

export type OpenDataCsvVariant = "canonical" | "excel";

const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: string | number | null, variant: OpenDataCsvVariant): string {
  if (value === null) return "";
  if (typeof value === "number") {
    const text = plainDecimal(value);
    return variant === "excel" ? text.replace(".", ",") : text;
  }
  // The spreadsheet variant neutralises formulas (CSV injection); the
  // canonical file keeps every text as published.
  const safe = variant === "excel" && FORMULA_START.test(value) ? `'${value}` : value;
  const separator = variant === "excel" ? ";" : ",";
  return safe.includes('"') ||
    safe.includes(separator) ||
    safe.includes("\n") ||
    safe.includes("\r")
    ? `"${safe.replace(/"/g, '""')}"`
    : safe;
}

/**
 * The table as CSV: `canonical` is RFC 4180 (UTF-8 without BOM, comma, dot
 * decimal, CRLF); `excel` is what a Spanish-locale spreadsheet opens with
 * one click (UTF-8 with BOM, `;`, decimal comma).
 */
export function openDataCsv(rows: readonly OpenDataRow[], variant: OpenDataCsvVariant): string {
  const separator = variant === "excel" ? ";" : ",";
  const names = OPEN_DATA_FIELDS.map((f) => f.name);
  const lines = [names.join(separator)];
  for (const row of rows) {
    lines.push(names.map((name) => csvField(row[name], variant)).join(separator));
  }
  return `${variant === "excel" ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`;
}

/** The JSON file of a published corte: the plan (rumbo.plan/v1), the actuals and the result (rumbo.result/v1). */
export type OpenDataJson = {
  format: "rumbo.opendata/v1";
  publicacion: number;
  corte: string;
  publicadoEl: string;
  licencia: { id: string; nombre: string; url: string; acto: string | null };
  plan: Plan;
  actuals: ActualValue[];
  result: ComplianceResult;
  reports: CorteSnapshot["reports"];
};

export function openDataJson(
  snapshot: CorteSnapshot,
  publication: { number: number; publishedAt: string },
): OpenDataJson {
  return {
    format: "rumbo.opendata/v1",
    publicacion: publication.number,
    corte: snapshot.corte.periodEnd,
    publicadoEl: publication.publishedAt,
    licencia: {
      id: snapshot.license.id,
      nombre: snapshot.license.name,
      url: snapshot.license.url,
      acto: snapshot.license.act,
    },
    plan: snapshot.plan,
    actuals: snapshot.actuals,
    result: snapshot.result,
    reports: snapshot.reports,
  };
}
