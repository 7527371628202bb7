/**
 * The informe de seguimiento of a corte: what the PDF, the XLSX
 * and the CSV say, built once from the engine's result (through the tablero
 * builder), the analysis of the approved reports and the data-quality items.
 * Pure: the renderers only lay it out. The model records its `asOf`,
 * `knownAt` and the report versions it used, so the same inputs regenerate
 * the same numbers and text.
 */

import { formatNumber, formatRatioAsPercent } from "../format/numbers.ts";
import { daysInMonth, parsePeriod } from "../formats/period.ts";
import type { Plan } from "../plan/plan.ts";
import type { DataQualityItem } from "../seguimiento/data-quality.ts";
import { buildDashboard, type DashboardAlert, type DashboardInput } from "./dashboard.ts";
import type { CellStatus, SemaforoColor } from "./types.ts";

/** An approved report version the informe used, with its analysis texts. */
export type InformeReportVersion = {
  indicator: string;
  period: string;
  version: number;
  achievements: string;
  difficulties: string;
  actions: string;
  benefits: string;
};

/**
 * A report version whose value the engine counted for the informe: its row
 * id and version number per indicator × period × area ('' the whole
 * indicator), the value and the instant it was recorded.
 */
export type UsedReportVersion = {
  id: number;
  indicator: string;
  period: string;
  area: string;
  version: number;
  value: number | null;
  recordedAt: string;
};

export type InformeInput = DashboardInput & {
  corte: { id: number; periodEnd: string; closedAt: string | null };
  /** ISO instant the file was generated. */
  generatedAt: string;
  /** ISO instant of what was known (null: everything stored when generated). */
  knownAt: string | null;
  reports: readonly InformeReportVersion[];
  /** The counted versions known at `knownAt` (reportVersionsUsed keeps the ones the informe uses). */
  versionsUsed: readonly UsedReportVersion[];
  dataQuality: readonly DataQualityItem[];
};

export type InformeCell = {
  status: CellStatus;
  /** The status in words: never colour alone. */
  statusLabel: string;
  compliance: number | null;
  semaforo: SemaforoColor | null;
};

export type InformeIndicatorRow = InformeCell & {
  code: string;
  name: string;
  unit: string | null;
  /** Percent points of the vigencia. */
  weight: number;
  /** Meta del cuatrienio. */
  meta: number | null;
  /** Programado de la vigencia. */
  target: number | null;
  /** Ejecutado a la fecha de corte. */
  actual: number | null;
  overExecution: boolean;
};

export type InformeAnalysis = InformeReportVersion & { indicatorName: string };

export type InformeSection = InformeCell & {
  code: string;
  name: string;
  indicators: InformeIndicatorRow[];
  analysis: InformeAnalysis[];
};

export type InformeModel = {
  title: string;
  plan: { code: string; name: string };
  corte: { id: number; periodEnd: string; closedAt: string | null };
  year: number;
  /** The date of corte: the engine's asOf. */
  asOf: string;
  knownAt: string | null;
  generatedAt: string;
  /** The plan's semáforo thresholds (fractions). */
  thresholds: { rojo: number; amarillo: number; sobreejecucion: number };
  summary: InformeCell & {
    cuatrienio: InformeCell;
    counters: {
      verde: number;
      amarillo: number;
      rojo: number;
      sinReporte: number;
      sobreEjecucion: number;
      np: number;
      pendiente: number;
    };
  };
  sections: InformeSection[];
  alerts: DashboardAlert[];
  dataQuality: DataQualityItem[];
  /** The report versions used, so a later regeneration can be checked against them. */
  reportVersions: UsedReportVersion[];
};

export const INFORME_STATUS_LABELS: Record<CellStatus, string> = {
  verde: "Verde",
  amarillo: "Amarillo",
  rojo: "Rojo",
  np: "No programado (NP)",
  sin_reporte: "Sin reporte",
  pendiente: "Pendiente",
};

export const INFORME_ANALYSIS_LABELS = {
  achievements: "Logros",
  difficulties: "Retrasos y dificultades",
  actions: "Soluciones / acciones de mejora",
  benefits: "Beneficios a la ciudadanía",
} as const;

function cell(source: {
  status: CellStatus;
  compliance: number | null;
  semaforo: SemaforoColor | null;
}): InformeCell {
  return {
    status: source.status,
    statusLabel: INFORME_STATUS_LABELS[source.status],
    compliance: source.compliance,
    semaforo: source.semaforo,
  };
}

/** The year of a corte's period end must be a vigencia of the plan. */
export function informeYear(plan: { years: readonly number[] }, periodEnd: string): number | null {
  const year = Number(periodEnd.slice(0, 4));
  return plan.years.includes(year) ? year : null;
}

/** The informe of one corte: the vigencia of its period end, as of that day. */
export function buildInforme(input: InformeInput): InformeModel {
  const { plan, result, corte } = input;
  const year = informeYear(plan, corte.periodEnd);
  if (year === null) {
    throw new RangeError(`el corte ${corte.periodEnd} no cae en una vigencia del plan`);
  }
  const dashboard = buildDashboard(input, year);
  const names = new Map(
    plan.objectives.flatMap((o) => o.indicators.map((i) => [i.code, i] as const)),
  );
  const reports = [...input.reports].sort(
    (a, b) =>
      a.indicator.localeCompare(b.indicator, "es") ||
      (a.period < b.period ? -1 : a.period > b.period ? 1 : 0),
  );
  const sections: InformeSection[] = dashboard.objectives.map((objective) => {
    const codes = objective.indicators.map((i) => i.code);
    return {
      code: objective.code,
      name: objective.name,
      ...cell(objective),
      indicators: objective.indicators.map((indicator) => ({
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        weight: indicator.weight,
        meta: names.get(indicator.code)?.total ?? null,
        target: indicator.target,
        actual: indicator.actual,
        overExecution: indicator.overExecution,
        ...cell(indicator),
      })),
      analysis: codes.flatMap((code) =>
        reports
          .filter((r) => r.indicator === code)
          .filter((r) => r.achievements || r.difficulties || r.actions || r.benefits)
          .map((r) => ({ ...r, indicatorName: names.get(code)?.name ?? code })),
      ),
    };
  });
  const { enRiesgo: _enRiesgo, ...counters } = dashboard.counters;
  return {
    title: `Informe de seguimiento — corte al ${isoDay(corte.periodEnd)}`,
    plan: dashboard.plan,
    corte: { ...corte },
    year,
    asOf: corte.periodEnd,
    knownAt: input.knownAt,
    generatedAt: input.generatedAt,
    thresholds: { ...dashboard.thresholds },
    summary: { ...cell(dashboard), cuatrienio: cell(result.plan.period), counters },
    sections,
    alerts: dashboard.alerts,
    dataQuality: [...input.dataQuality],
    reportVersions: reportVersionsUsed(plan, input.versionsUsed, corte.periodEnd),
  };
}

/**
 * The versions an informe at `asOf` used, in the plan's order: of the counted
 * versions, those of an indicator of the plan in one of its vigencias whose
 * period ended by `asOf` (the engine counts nothing later, methodology.md §3),
 * leaving out an area's part where the whole indicator was reported (the
 * whole prevails, ADR 0015).
 */
export function reportVersionsUsed(
  plan: Plan,
  versions: readonly UsedReportVersion[],
  asOf: string,
): UsedReportVersion[] {
  const order = new Map(
    plan.objectives.flatMap((o) => o.indicators.map((i) => i.code)).map((code, i) => [code, i]),
  );
  const years = new Set(plan.years);
  const whole = new Set(
    versions.filter((v) => v.area === "").map((v) => `${v.indicator}\u0000${v.period}`),
  );
  return versions
    .filter((v) => {
      const parsed = parsePeriod(v.period);
      if (!order.has(v.indicator) || !parsed || !years.has(parsed.year)) return false;
      if (periodEndDay(v.period) > asOf) return false;
      return v.area === "" || !whole.has(`${v.indicator}\u0000${v.period}`);
    })
    .map((v) => ({ ...v }))
    .sort(
      (a, b) =>
        (order.get(a.indicator) ?? 0) - (order.get(b.indicator) ?? 0) ||
        byCodeUnit(a.period, b.period) ||
        byCodeUnit(a.area, b.area),
    );
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The last day (AAAA-MM-DD) of a report period; "" when it is not one. */
export function periodEndDay(period: string): string {
  const parsed = parsePeriod(period);
  if (!parsed) return "";
  const month =
    parsed.kind === "year" ? 12 : parsed.kind === "quarter" ? parsed.index * 3 : parsed.index;
  return `${parsed.year}-${String(month).padStart(2, "0")}-${String(daysInMonth(parsed.year, month)).padStart(2, "0")}`;
}

/**
 * Whether a report period belongs to the informe: a period of its vigencia
 * that ends on or before the date of corte.
 */
export function informeCoversPeriod(period: string, year: number, asOf: string): boolean {
  const parsed = parsePeriod(period);
  if (!parsed || parsed.year !== year) return false;
  return periodEndDay(period) <= asOf;
}

/** AAAA-MM-DD → dd/mm/aaaa. */
export function isoDay(date: string): string {
  const [y, m, d] = date.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** An ISO instant as dd/mm/aaaa hh:mm in Bogotá (UTC−5, no daylight saving). */
export function bogotaInstant(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() - 5 * 3600_000).toISOString();
  return `${isoDay(shifted)} ${shifted.slice(11, 16)} (hora de Colombia)`;
}

/** A compliance ratio as the informe writes it ("95,65%"; "—" when there is none). */
export function informePercent(ratio: number | null): string {
  return formatRatioAsPercent(ratio);
}

export function informeNumber(value: number | null): string {
  return formatNumber(value);
}

/** A used version in words: «id 412 · área Salud · valor 15 · registrada 20/01/2025 10:00 (hora de Colombia)». */
export function usedVersionText(v: UsedReportVersion): string {
  return [
    `id ${v.id}`,
    ...(v.area === "" ? [] : [`área ${v.area}`]),
    `valor ${formatNumber(v.value)}`,
    `registrada ${bogotaInstant(v.recordedAt)}`,
  ].join(" · ");
}

/** One line of the informe's CSV (long format: one value per line). */
export type InformeCsvRow = {
  seccion: string;
  objetivo: string;
  indicador: string;
  periodo: string;
  medida: string;
  valor: number | null;
  texto: string;
};

/** The informe in long format: the CSV (and anything else that wants one value a line). */
export function informeRows(model: InformeModel): InformeCsvRow[] {
  const rows: InformeCsvRow[] = [];
  const vigencia = String(model.year);
  const add = (row: Partial<InformeCsvRow> & Pick<InformeCsvRow, "seccion" | "medida">) =>
    rows.push({ objetivo: "", indicador: "", periodo: vigencia, valor: null, texto: "", ...row });
  add({ seccion: "portada", medida: "plan", texto: `${model.plan.code} ${model.plan.name}` });
  add({ seccion: "portada", medida: "fecha de corte", texto: model.asOf });
  add({ seccion: "portada", medida: "conocido a", texto: model.knownAt ?? "" });
  add({ seccion: "portada", medida: "generado", texto: model.generatedAt });
  const compliance = (seccion: string, c: InformeCell, extra: Partial<InformeCsvRow>) =>
    add({ seccion, medida: "cumplimiento", valor: c.compliance, texto: c.statusLabel, ...extra });
  compliance("resumen", model.summary, {});
  compliance("resumen", model.summary.cuatrienio, { periodo: "cuatrienio" });
  for (const section of model.sections) {
    compliance("objetivo", section, { objetivo: section.code });
    for (const i of section.indicators) {
      const base = { seccion: "indicador", objetivo: section.code, indicador: i.code };
      add({ ...base, medida: "peso", valor: i.weight });
      add({ ...base, medida: "meta", valor: i.meta, periodo: "cuatrienio" });
      add({ ...base, medida: "programado", valor: i.target });
      add({ ...base, medida: "ejecutado", valor: i.actual });
      add({ ...base, medida: "cumplimiento", valor: i.compliance, texto: i.statusLabel });
    }
    for (const a of section.analysis) {
      for (const key of Object.keys(INFORME_ANALYSIS_LABELS) as Array<
        keyof typeof INFORME_ANALYSIS_LABELS
      >) {
        if (!a[key]) continue;
        add({
          seccion: "analisis",
          objetivo: section.code,
          indicador: a.indicator,
          periodo: a.period,
          medida: INFORME_ANALYSIS_LABELS[key],
          texto: a[key],
        });
      }
    }
  }
  for (const alert of model.alerts) {
    add({
      seccion: "alerta",
      objetivo: alert.objective,
      indicador: alert.indicator,
      medida: alert.kind,
      texto: alert.message,
    });
  }
  for (const item of model.dataQuality) {
    add({
      seccion: "calidad del dato",
      indicador: item.indicator,
      periodo: item.period,
      medida: item.kind,
      texto: item.justification
        ? `${item.message} Justificación: ${item.justification}`
        : item.message,
    });
  }
  for (const v of model.reportVersions) {
    // The version number as valor; the row id, area and value in words (one value a line).
    add({
      seccion: "version usada",
      indicador: v.indicator,
      periodo: v.period,
      medida: "version",
      valor: v.version,
      texto: usedVersionText(v),
    });
  }
  return rows;
}
