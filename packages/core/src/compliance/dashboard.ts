/**
 * The tablero of a plan for one vigencia or the cuatrienio: the engine's cells
 * of the plan, each objective and each indicator with names, weights and
 * renormalised shares, counters by semáforo, alerts and the ritmo of the
 * corte's vigencia. Pure: every number is the engine's (or ritmo.ts's); the
 * web only shows them.
 */
import { DEFAULT_SEMAFORO, type Plan, type Semaforo } from "../plan/plan.ts";
import { type ClosedCorte, type CorteChange, compareCells, NO_COMPARISON } from "./corte-change.ts";
import type { CellAt } from "./engine.ts";
import { weightOfPeriod, weightOfYear } from "./plan-rules.ts";
import { computeRitmo, type IndicatorRitmo, type PeriodTargets } from "./ritmo.ts";
import type {
  CellStatus,
  ComplianceOptions,
  ComplianceResult,
  Contribution,
  RollupYearCell,
  SemaforoColor,
} from "./types.ts";

export type DashboardIndicator = {
  code: string;
  name: string;
  objective: string;
  unit: string | null;
  trend: string;
  /** Weight the plan gives it for this vigencia (percent points). */
  weight: number;
  /** Renormalised share in its objective; null when it does not count (NP, pendiente…). */
  share: number | null;
  /** The engine's share × compliance: what it adds to its objective's compliance; null when it does not count. */
  contribution: number | null;
  status: CellStatus;
  target: number | null;
  actual: number | null;
  compliance: number | null;
  raw: number | null;
  semaforo: SemaforoColor | null;
  overExecution: boolean;
  /** Cuatrienio only: the total and the progress toward it. */
  total: number | null;
  progress: number | null;
  ritmo: IndicatorRitmo | null;
  /** Since the previous corte (withPreviousCorte); «sin comparación» until compared. */
  change: CorteChange;
};

export type DashboardObjective = {
  code: string;
  name: string;
  weight: number;
  share: number | null;
  /** The engine's share × compliance: what it adds to the plan's compliance; null when it does not count. */
  contribution: number | null;
  status: CellStatus;
  compliance: number | null;
  semaforo: SemaforoColor | null;
  progress: number | null;
  change: CorteChange;
  indicators: DashboardIndicator[];
};

export type DashboardCounters = {
  verde: number;
  amarillo: number;
  rojo: number;
  sinReporte: number;
  sobreEjecucion: number;
  np: number;
  pendiente: number;
  enRiesgo: number;
};

export const ALERT_KINDS = [
  "rojo",
  "amarillo",
  "sin_reporte",
  "sobre_ejecucion",
  "en_riesgo",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** How the tablero and the informe name each kind of alert. */
export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  rojo: "Rojo",
  amarillo: "Amarillo",
  sin_reporte: "Sin reporte",
  sobre_ejecucion: "Sobre-ejecución",
  en_riesgo: "En riesgo",
};

export type DashboardAlert = {
  kind: AlertKind;
  indicator: string;
  name: string;
  objective: string;
  message: string;
};

export type PlanDashboard = {
  plan: { code: string; name: string };
  at: CellAt;
  years: number[];
  options: ComplianceOptions;
  thresholds: Semaforo;
  status: CellStatus;
  compliance: number | null;
  semaforo: SemaforoColor | null;
  progress: number | null;
  counters: DashboardCounters;
  objectives: DashboardObjective[];
  alerts: DashboardAlert[];
  /** The corte's vigencia and how much of it elapsed, when ritmo applies. */
  ritmo: { year: number; asOf: string; elapsed: number; threshold: number } | null;
  /** The corte the changes compare with (methodology.md §13), or null. */
  previousCorte: ClosedCorte | null;
  change: CorteChange;
};

export type DashboardInput = {
  plan: Plan;
  result: ComplianceResult;
  options: ComplianceOptions;
  periodTargets?: Readonly<Record<string, PeriodTargets>>;
};

/** A cell's contributions by code (the first of a code wins, as `find` would). */
function contributionsByCode(cell: RollupYearCell | undefined): Map<string, Contribution> {
  const byCode = new Map<string, Contribution>();
  for (const item of cell?.contributions ?? [])
    if (!byCode.has(item.code)) byCode.set(item.code, item);
  return byCode;
}

function alertMessage(kind: AlertKind, indicator: DashboardIndicator): string {
  switch (kind) {
    case "rojo":
      return "Cumplimiento en rojo.";
    case "amarillo":
      return "Cumplimiento en amarillo.";
    case "sin_reporte":
      return "Tiene meta y no tiene avance reportado a la fecha de corte.";
    case "sobre_ejecucion":
      return "Supera el umbral de sobre-ejecución: revise la meta o el reporte.";
    case "en_riesgo":
      return indicator.ritmo?.reason ?? "En riesgo.";
  }
}

/** The result's indicator rows by code (the first of a code wins, as `find` would). */
export function indicatorRowsByCode(
  result: ComplianceResult,
): Map<string, ComplianceResult["indicators"][number]> {
  const byCode = new Map<string, ComplianceResult["indicators"][number]>();
  for (const row of result.indicators) if (!byCode.has(row.code)) byCode.set(row.code, row);
  return byCode;
}

/** The tablero of `at` (a plan year or "period" for the cuatrienio). */
export function buildDashboard(input: DashboardInput, at: CellAt): PlanDashboard {
  const { plan, result, options } = input;
  if (at !== "period" && !plan.years.includes(at)) {
    throw new RangeError(`el año ${at} no es una vigencia del plan`);
  }
  const ritmo = computeRitmo(input);
  // Ritmo speaks of the corte's vigencia: shown on that year and on the cuatrienio.
  const ritmoApplies = ritmo !== null && (at === "period" || at === ritmo.year);
  const ritmoByCode = new Map(ritmo?.indicators.map((item) => [item.code, item]) ?? []);
  const planCell = at === "period" ? result.plan.period : result.plan.years[String(at)];
  if (planCell === undefined) throw new RangeError(`el año ${at} no es una vigencia del plan`);
  const counters: DashboardCounters = {
    verde: 0,
    amarillo: 0,
    rojo: 0,
    sinReporte: 0,
    sobreEjecucion: 0,
    np: 0,
    pendiente: 0,
    enRiesgo: 0,
  };
  const alerts: DashboardAlert[] = [];
  // Looked up once per indicator: a plan of thousands must not scan the result each time.
  const indicatorRows = indicatorRowsByCode(result);
  const planContributions = contributionsByCode(planCell);
  const objectives = plan.objectives.map((objective, index) => {
    const row = result.objectives[index];
    const cell = at === "period" ? row?.period : row?.years[String(at)];
    if (row === undefined || cell === undefined) throw new RangeError("resultado incompleto");
    const contributions = contributionsByCode(cell);
    const indicators = objective.indicators.map((indicator): DashboardIndicator => {
      const indicatorRow = indicatorRows.get(indicator.code);
      const indicatorCell =
        at === "period" ? indicatorRow?.period : indicatorRow?.years[String(at)];
      if (indicatorRow === undefined || indicatorCell === undefined)
        throw new RangeError("resultado incompleto");
      const period = at === "period" ? indicatorRow.period : null;
      return {
        code: indicator.code,
        name: indicator.name,
        objective: objective.code,
        unit: indicator.unit ?? null,
        trend: indicator.trend,
        weight:
          at === "period"
            ? weightOfPeriod(indicator.weight, plan.years)
            : weightOfYear(indicator.weight, at),
        share: contributions.get(indicator.code)?.weight ?? null,
        contribution: contributions.get(indicator.code)?.contribution ?? null,
        status: indicatorCell.status,
        target: indicatorCell.target,
        actual: indicatorCell.actual,
        compliance: indicatorCell.compliance,
        raw: indicatorCell.raw,
        semaforo: indicatorCell.semaforo,
        overExecution: indicatorCell.overExecution,
        total: period?.total ?? null,
        progress: period?.progress ?? null,
        ritmo: ritmoApplies ? (ritmoByCode.get(indicator.code) ?? null) : null,
        change: NO_COMPARISON,
      };
    });
    for (const item of indicators) {
      const kinds: AlertKind[] = [];
      if (item.status === "verde") counters.verde++;
      else if (item.status === "amarillo") counters.amarillo++;
      else if (item.status === "rojo") counters.rojo++;
      else if (item.status === "sin_reporte") counters.sinReporte++;
      else if (item.status === "np") counters.np++;
      else counters.pendiente++;
      if (item.status === "sin_reporte") kinds.push("sin_reporte");
      else if (item.semaforo === "rojo" || item.semaforo === "amarillo") kinds.push(item.semaforo);
      if (item.overExecution) {
        counters.sobreEjecucion++;
        kinds.push("sobre_ejecucion");
      }
      if (item.ritmo?.enRiesgo) {
        counters.enRiesgo++;
        kinds.push("en_riesgo");
      }
      for (const kind of kinds)
        alerts.push({
          kind,
          indicator: item.code,
          name: item.name,
          objective: objective.code,
          message: alertMessage(kind, item),
        });
    }
    return {
      code: objective.code,
      name: objective.name,
      weight:
        objective.weight === undefined
          ? 1
          : at === "period"
            ? weightOfPeriod(objective.weight, plan.years)
            : weightOfYear(objective.weight, at),
      share: planContributions.get(objective.code)?.weight ?? null,
      contribution: planContributions.get(objective.code)?.contribution ?? null,
      status: cell.status,
      compliance: cell.compliance,
      semaforo: cell.semaforo,
      progress: at === "period" ? row.period.progress : null,
      change: NO_COMPARISON,
      indicators,
    };
  });
  const order: Record<AlertKind, number> = {
    rojo: 0,
    sin_reporte: 1,
    en_riesgo: 2,
    amarillo: 3,
    sobre_ejecucion: 4,
  };
  alerts.sort((a, b) => order[a.kind] - order[b.kind]);
  return {
    plan: { code: plan.code, name: plan.name },
    at,
    years: plan.years,
    options,
    thresholds: plan.semaforo ?? DEFAULT_SEMAFORO,
    status: planCell.status,
    compliance: planCell.compliance,
    semaforo: planCell.semaforo,
    progress: at === "period" ? result.plan.period.progress : null,
    counters,
    objectives,
    alerts,
    ritmo:
      ritmo === null || !ritmoApplies
        ? null
        : {
            year: ritmo.year,
            asOf: ritmo.asOf,
            elapsed: ritmo.elapsed,
            threshold: ritmo.threshold,
          },
    previousCorte: null,
    change: NO_COMPARISON,
  };
}

/**
 * The tablero with the change of the plan, each objective and each indicator
 * since `corte`, whose tablero (same vigencia or cuatrienio, same options, as
 * known when it closed) is `previous`. Objectives and indicators pair by code:
 * one the earlier plan did not have is «sin comparación».
 */
export function withPreviousCorte(
  current: PlanDashboard,
  previous: PlanDashboard,
  corte: ClosedCorte,
): PlanDashboard {
  const objectives = new Map(previous.objectives.map((o) => [o.code, o]));
  const indicators = new Map(
    previous.objectives.flatMap((o) => o.indicators.map((i) => [i.code, i] as const)),
  );
  return {
    ...current,
    previousCorte: { ...corte },
    change: compareCells(current, previous),
    objectives: current.objectives.map((objective) => ({
      ...objective,
      change: compareCells(objective, objectives.get(objective.code)),
      indicators: objective.indicators.map((indicator) => ({
        ...indicator,
        change: compareCells(indicator, indicators.get(indicator.code)),
      })),
    })),
  };
}
