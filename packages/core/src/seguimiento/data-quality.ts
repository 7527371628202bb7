/**
 * Calidad del dato (ADR 0015): what a planning office checks before it
 * trusts a corte — reports sent after the deadline (tardío), reports due and
 * never sent once the deadline passed (faltante), over-execution nobody
 * explained, values far from the indicator's history (atípico), and changes
 * recorded after the corte was closed (cambio retroactivo) with the
 * justification of the reopening that allowed them.
 */
import { createEngine } from "../compliance/engine.ts";
import type { IndicatorYearCell } from "../compliance/types.ts";
import { formatNumber } from "../format/numbers.ts";
import { type Period, parsePeriod } from "../formats/period.ts";
import { DEFAULT_SEMAFORO, type Plan } from "../plan/plan.ts";
import { bogotaDate } from "../shared/bogota-date.ts";
import { cortePeriodEnd, isLate } from "./corte.ts";
import { reportsDueAt } from "./corte-progress.ts";
import { reportWarnings } from "./report-warnings.ts";
import type { ReportStatus } from "./report-workflow.ts";

export const DATA_QUALITY_KINDS = [
  "tardio",
  "faltante",
  "sobreejecucion-sin-explicar",
  "atipico",
  "cambio-retroactivo",
] as const;
export type DataQualityKind = (typeof DATA_QUALITY_KINDS)[number];

export type DataQualityItem = {
  kind: DataQualityKind;
  indicator: string;
  indicatorName: string;
  period: string;
  area: string | null;
  message: string;
  justification: string | null;
  /** The instant the finding refers to (sent, changed), ISO 8601; null for what never happened. */
  at: string | null;
};

export type QualityCorte = {
  periodEnd: string;
  dueOn: string;
  /** ISO instant of the explicit closing, or null while open. */
  closedAt: string | null;
  reopenings: readonly {
    indicators: readonly string[];
    justification: string;
    createdAt: string;
  }[];
};

/** The latest version of a report of the whole indicator (area ''). */
export type QualityReport = {
  indicator: string;
  period: string;
  status: ReportStatus;
  value: number | null;
  explanations: Readonly<Record<string, string | undefined>>;
  /** ISO instant of the first submission, or null when never sent. */
  firstSubmittedAt: string | null;
};

/** A report version and when it was recorded (ISO instant). */
export type RecordedVersion = {
  indicator: string;
  period: string;
  version: number;
  action: string;
  recordedAt: string;
};

/** A report action in words (guardado, envío, devolución…). */
export const ACTION_LABEL: Record<string, string> = {
  save: "guardado",
  submit: "envío",
  return: "devolución",
  approve: "aprobación",
  unapprove: "aprobación retirada",
  evidence: "cambio de soportes",
};

/** `2025-04-11` → `11/04/2025` (es-CO). */
function shownDay(isoDay: string): string {
  const [year, month, day] = isoDay.split("-");
  return `${day}/${month}/${year}`;
}

function periodOrder(period: Period): number {
  const within =
    period.kind === "year" ? 13 : period.kind === "quarter" ? period.index * 3 : period.index;
  return period.year * 100 + within;
}

/**
 * Every data-quality finding of the given cortes, on `today` (Bogotá). Over-
 * execution and outliers come from core's `reportWarnings` on the values sent
 * (enviado, devuelto, aprobado), with the vigencia's cell of the engine fed
 * those same values and the indicator's earlier sent values as history; an
 * over-execution is "sin explicar" when its version stores no explanation.
 */
export function dataQualityItems(input: {
  plan: Plan;
  cortes: readonly QualityCorte[];
  latest: readonly QualityReport[];
  /** Report versions that may have been recorded after their corte closed. */
  versions: readonly RecordedVersion[];
  today: string;
}): DataQualityItem[] {
  const { plan, today } = input;
  const names = new Map<string, string>();
  const order = new Map<string, number>();
  for (const objective of plan.objectives) {
    for (const indicator of objective.indicators) {
      order.set(indicator.code, order.size);
      names.set(indicator.code, indicator.name);
    }
  }
  const latestByKey = new Map(input.latest.map((r) => [`${r.indicator}|${r.period}`, r]));
  const sent = input.latest.filter(
    (r) => r.status !== "borrador" && r.value !== null && names.has(r.indicator),
  );
  // Each indicator's sent values with the order of their period: its history for outliers.
  const sentByIndicator = new Map<string, { order: number; value: number }[]>();
  for (const r of sent) {
    const period = parsePeriod(r.period);
    if (period === null || r.value === null) continue;
    const list = sentByIndicator.get(r.indicator) ?? [];
    list.push({ order: periodOrder(period), value: r.value });
    sentByIndicator.set(r.indicator, list);
  }
  const cells = yearCells(plan, sent);
  const thresholds = plan.semaforo ?? DEFAULT_SEMAFORO;
  const items: DataQualityItem[] = [];
  const item = (
    kind: DataQualityKind,
    indicator: string,
    period: string,
    message: string,
    justification: string | null,
    at: string | null,
  ) =>
    items.push({
      kind,
      indicator,
      indicatorName: names.get(indicator) ?? indicator,
      period,
      area: null,
      message,
      justification,
      at,
    });
  const what = (code: string, period: string) =>
    `El reporte de ${code} «${names.get(code) ?? code}» del periodo ${period}`;

  for (const corte of input.cortes) {
    for (const due of reportsDueAt(plan, corte.periodEnd)) {
      const code = due.indicator.code;
      const report = latestByKey.get(`${code}|${due.periodText}`);
      const firstSent = report?.firstSubmittedAt ?? null;
      if (firstSent !== null) {
        const sentOn = bogotaDate(new Date(firstSent));
        if (isLate(corte, sentOn)) {
          item(
            "tardio",
            code,
            due.periodText,
            `${what(code, due.periodText)} se envió el ${shownDay(sentOn)}, después de la fecha límite del ${shownDay(corte.dueOn)}.`,
            null,
            firstSent,
          );
        }
      } else if (today > corte.dueOn) {
        item(
          "faltante",
          code,
          due.periodText,
          `Falta el reporte de ${code} «${due.indicator.name}» del periodo ${due.periodText}: la fecha límite fue el ${shownDay(corte.dueOn)} y no se ha enviado.`,
          null,
          null,
        );
      }
      if (!report || report.status === "borrador" || report.value === null) continue;
      const value = report.value;
      const cell = cells.get(code)?.get(due.period.year) ?? null;
      const history = (sentByIndicator.get(code) ?? [])
        .filter((r) => r.order < periodOrder(due.period))
        .map((r) => r.value);
      const warnings = reportWarnings({
        semaforo: cell?.semaforo ?? null,
        raw: cell?.raw ?? null,
        thresholds,
        value,
        history,
      });
      const explained = (key: string) => {
        const text = report.explanations[key]?.trim();
        return text ? text : null;
      };
      if (warnings.some((w) => w.code === "sobreejecucion") && !explained("sobreejecucion")) {
        item(
          "sobreejecucion-sin-explicar",
          code,
          due.periodText,
          `${what(code, due.periodText)} supera el ${Math.round(thresholds.sobreejecucion * 100)} % de lo programado (${formatNumber(value)} frente a ${formatNumber(due.target)}) y no explica la sobre-ejecución.`,
          null,
          firstSent,
        );
      }
      if (warnings.some((w) => w.code === "atipico")) {
        const explanation = explained("atipico");
        item(
          "atipico",
          code,
          due.periodText,
          `${what(code, due.periodText)} trae ${formatNumber(value)}, un valor muy lejos de sus reportes anteriores${explanation ? "; quien reporta lo explicó" : ", sin explicación"}.`,
          explanation,
          firstSent,
        );
      }
    }
    if (corte.closedAt !== null) {
      const closedAt = corte.closedAt;
      for (const version of input.versions) {
        if (version.recordedAt <= closedAt || !names.has(version.indicator)) continue;
        const period = parsePeriod(version.period);
        if (!period || cortePeriodEnd(period) !== corte.periodEnd) continue;
        const reopening = [...corte.reopenings]
          .filter(
            (r) => r.indicators.includes(version.indicator) && r.createdAt <= version.recordedAt,
          )
          .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
        item(
          "cambio-retroactivo",
          version.indicator,
          version.period,
          `${what(version.indicator, version.period)} cambió después del cierre del corte del ${shownDay(corte.periodEnd)}: versión ${version.version} (${ACTION_LABEL[version.action] ?? version.action}) del ${shownDay(bogotaDate(new Date(version.recordedAt)))}.`,
          reopening?.justification ?? null,
          version.recordedAt,
        );
      }
    }
  }
  const kindOrder = (kind: DataQualityKind) => DATA_QUALITY_KINDS.indexOf(kind);
  return items.sort(
    (a, b) =>
      kindOrder(a.kind) - kindOrder(b.kind) ||
      (order.get(a.indicator) ?? 0) - (order.get(b.indicator) ?? 0) ||
      a.period.localeCompare(b.period) ||
      (a.at ?? "").localeCompare(b.at ?? ""),
  );
}

/** Count of each kind (every kind present, 0 when none). */
export function dataQualityCounts(
  items: readonly DataQualityItem[],
): Record<DataQualityKind, number> {
  const counts = Object.fromEntries(DATA_QUALITY_KINDS.map((k) => [k, 0])) as Record<
    DataQualityKind,
    number
  >;
  for (const i of items) counts[i.kind]++;
  return counts;
}

/**
 * The engine's vigencia cells with the sent values. A value the engine
 * refuses (a period of another granularity than the indicator's others) is
 * left out rather than failing the whole report.
 */
function yearCells(
  plan: Plan,
  sent: readonly QualityReport[],
): Map<string, Map<number, IndicatorYearCell>> {
  const engine = createEngine(plan);
  const actuals = sent.map((r) => ({
    indicator: r.indicator,
    period: r.period,
    value: r.value as number,
  }));
  try {
    engine.setActuals(actuals);
  } catch {
    engine.setActuals([]);
    for (const actual of actuals) {
      try {
        engine.updateValue(actual.indicator, actual.period, actual.value);
      } catch {
        // Left out: see above.
      }
    }
  }
  const cells = new Map<string, Map<number, IndicatorYearCell>>();
  for (const objective of plan.objectives) {
    for (const indicator of objective.indicators) {
      const byYear = new Map<number, IndicatorYearCell>();
      for (const year of plan.years) byYear.set(year, engine.indicatorCell(indicator.code, year));
      cells.set(indicator.code, byYear);
    }
  }
  return cells;
}
