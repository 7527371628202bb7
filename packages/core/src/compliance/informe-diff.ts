/**
 * «¿Qué cambió desde este informe?» (issue 12 §6, methodology.md §13): the
 * informe of a corte as known when it was issued, against the same informe
 * as known today. Pure: the server runs the engine for both instants and
 * reads the report versions recorded since; core says which cells and which
 * reports changed, before → after, and why (who, when, the justification
 * recorded with the version or with the reopening that allowed it).
 */

import { formatNumber } from "../format/numbers.ts";
import { parsePeriod } from "../formats/period.ts";
import type { Plan } from "../plan/plan.ts";
import { cortePeriodEnd } from "../seguimiento/corte.ts";
import { ACTION_LABEL } from "../seguimiento/data-quality.ts";
import { bogotaDate } from "../shared/bogota-date.ts";
import { type CorteChange, compareCells } from "./corte-change.ts";
import type { CellAt } from "./engine.ts";
import {
  bogotaInstant,
  INFORME_STATUS_LABELS,
  informeYear,
  isoDay,
  reportVersionsUsed,
  type UsedReportVersion,
} from "./informe.ts";
import type { CellStatus, ComplianceResult } from "./types.ts";

/** One instant's informe: the plan then, the engine's result at the corte and the versions it counted. */
export type InformeDiffSide = {
  /** ISO instant; null: everything stored when the diff was made. */
  knownAt: string | null;
  plan: Plan;
  result: ComplianceResult;
  versions: readonly UsedReportVersion[];
};

/** A report version recorded after the earlier instant, with who recorded it. */
export type ReportEvent = {
  id: number;
  indicator: string;
  period: string;
  area: string;
  version: number;
  action: string;
  status: string;
  value: number | null;
  recordedAt: string;
  /** The visible name of who recorded it; null when unknown (a load, a deleted account). */
  by: string | null;
  /** A devolución's comment or the justification of an un-approval (kept only on those actions). */
  comment: string | null;
};

/** A reopening of a closed corte for some indicators. */
export type DiffReopening = {
  periodEnd: string;
  indicators: string[];
  justification: string;
  createdAt: string;
  by: string | null;
};

export type InformeDiffInput = {
  corte: { id: number; periodEnd: string; closedAt: string | null };
  before: InformeDiffSide;
  after: InformeDiffSide;
  /** Versions recorded after `before.knownAt` (up to `after.knownAt`), any order. */
  events: readonly ReportEvent[];
  reopenings: readonly DiffReopening[];
};

export type DiffCell = {
  status: CellStatus;
  statusLabel: string;
  compliance: number | null;
  actual: number | null;
};

export type InformeDiffCell = {
  level: "plan" | "objective" | "indicator";
  code: string | null;
  name: string;
  objective: string | null;
  at: CellAt;
  /** «2024» or «cuatrienio». */
  when: string;
  before: DiffCell | null;
  after: DiffCell | null;
  change: CorteChange;
};

export type DiffVersionRef = { id: number; version: number; value: number | null };

export type InformeDiffReport = {
  indicator: string;
  indicatorName: string;
  period: string;
  area: string;
  /** The version the informe used then and the one it uses now; null: none counted. */
  before: DiffVersionRef | null;
  after: DiffVersionRef | null;
  valueChanged: boolean;
  /** What was recorded on the report since, oldest first. */
  events: ReportEvent[];
  /** The reopening of the closed corte that allowed the change, if one did. */
  reopening: DiffReopening | null;
  /** In words: what changed and why. */
  message: string;
};

export type InformeDiff = {
  plan: { code: string; name: string };
  corte: { id: number; periodEnd: string; closedAt: string | null };
  year: number;
  asOf: string;
  before: { knownAt: string | null };
  after: { knownAt: string | null };
  /** Plan, objective and indicator cells (every vigencia up to the corte's and the cuatrienio) that changed. */
  cells: InformeDiffCell[];
  /** Reports whose counted version changed. */
  reports: InformeDiffReport[];
};

type RollupCell = { status: CellStatus; compliance: number | null };

function diffCell(cell: (RollupCell & { actual?: number | null }) | undefined): DiffCell | null {
  if (cell === undefined) return null;
  return {
    status: cell.status,
    statusLabel: INFORME_STATUS_LABELS[cell.status],
    compliance: cell.compliance,
    actual: cell.actual ?? null,
  };
}

function sameCell(a: DiffCell | null, b: DiffCell | null): boolean {
  if (a === null || b === null) return a === b;
  return a.status === b.status && a.compliance === b.compliance && a.actual === b.actual;
}

function cellsOf(side: InformeDiffSide, at: CellAt) {
  const key = String(at);
  const pick = <T>(row: { years: Record<string, T>; period: T } | undefined): T | undefined =>
    row === undefined ? undefined : at === "period" ? row.period : row.years[key];
  return {
    plan: pick(side.result.plan),
    objective: (code: string) => pick(side.result.objectives.find((o) => o.code === code)),
    indicator: (code: string) => pick(side.result.indicators.find((i) => i.code === code)),
  };
}

function refOf(version: UsedReportVersion | undefined): DiffVersionRef | null {
  return version === undefined
    ? null
    : { id: version.id, version: version.version, value: version.value };
}

function keyOf(v: { indicator: string; period: string; area: string }): string {
  return `${v.indicator}\u0000${v.period}\u0000${v.area}`;
}

/** The informe of `input.corte` then and now: what changed and why. */
export function buildInformeDiff(input: InformeDiffInput): InformeDiff {
  const { before, after, corte } = input;
  const year = informeYear(after.plan, corte.periodEnd);
  if (year === null) {
    throw new RangeError(`el corte ${corte.periodEnd} no cae en una vigencia del plan`);
  }
  const names = new Map<string, { name: string; objective: string }>();
  for (const plan of [before.plan, after.plan]) {
    for (const objective of plan.objectives) {
      for (const indicator of objective.indicators) {
        names.set(indicator.code, { name: indicator.name, objective: objective.code });
      }
    }
  }
  const objectiveNames = new Map(
    [...before.plan.objectives, ...after.plan.objectives].map((o) => [o.code, o.name]),
  );

  // Cells: every vigencia up to the corte's, then the cuatrienio.
  const ats: CellAt[] = [...after.plan.years.filter((y) => y <= year), "period"];
  const cells: InformeDiffCell[] = [];
  const objectiveCodes = unique([
    ...after.plan.objectives.map((o) => o.code),
    ...before.plan.objectives.map((o) => o.code),
  ]);
  const indicatorCodes = unique([
    ...after.plan.objectives.flatMap((o) => o.indicators.map((i) => i.code)),
    ...before.plan.objectives.flatMap((o) => o.indicators.map((i) => i.code)),
  ]);
  for (const at of ats) {
    const then = cellsOf(before, at);
    const now = cellsOf(after, at);
    const when = at === "period" ? "cuatrienio" : String(at);
    const push = (
      level: InformeDiffCell["level"],
      code: string | null,
      name: string,
      objective: string | null,
      a: (RollupCell & { actual?: number | null }) | undefined,
      b: (RollupCell & { actual?: number | null }) | undefined,
    ) => {
      const was = diffCell(a);
      const is = diffCell(b);
      if (sameCell(was, is)) return;
      const change =
        b === undefined ? compareCells({ status: "np", compliance: null }, a) : compareCells(b, a);
      cells.push({ level, code, name, objective, at, when, before: was, after: is, change });
    };
    push("plan", null, after.plan.name, null, then.plan, now.plan);
    for (const code of objectiveCodes) {
      push(
        "objective",
        code,
        objectiveNames.get(code) ?? code,
        null,
        then.objective(code),
        now.objective(code),
      );
    }
    for (const code of indicatorCodes) {
      const known = names.get(code);
      push(
        "indicator",
        code,
        known?.name ?? code,
        known?.objective ?? null,
        then.indicator(code),
        now.indicator(code),
      );
    }
  }

  // Reports: every indicator × period × area whose counted version changed.
  const thenUsed = new Map(
    reportVersionsUsed(before.plan, before.versions, corte.periodEnd).map((v) => [keyOf(v), v]),
  );
  const nowUsed = new Map(
    reportVersionsUsed(after.plan, after.versions, corte.periodEnd).map((v) => [keyOf(v), v]),
  );
  const order = new Map(indicatorCodes.map((code, i) => [code, i]));
  const keys = unique([...thenUsed.keys(), ...nowUsed.keys()]).filter(
    (key) => thenUsed.get(key)?.id !== nowUsed.get(key)?.id,
  );
  const reports = keys
    .map((key): InformeDiffReport => {
      const was = thenUsed.get(key);
      const is = nowUsed.get(key);
      const any = (is ?? was) as UsedReportVersion; // one of them exists: the key came from a map
      const events = input.events
        .filter((e) => keyOf(e) === key)
        .sort((a, b) => a.version - b.version)
        // A version copies the whole report: its comment is its own only on a devolución or an un-approval.
        .map((e) => ({ ...e, comment: COMMENTED_ACTIONS.has(e.action) ? e.comment : null }));
      const last = events[events.length - 1];
      const reopening = reopeningFor(input.reopenings, any, last?.recordedAt ?? null);
      const report: Omit<InformeDiffReport, "message"> = {
        indicator: any.indicator,
        indicatorName: names.get(any.indicator)?.name ?? any.indicator,
        period: any.period,
        area: any.area,
        before: refOf(was),
        after: refOf(is),
        valueChanged: (was?.value ?? null) !== (is?.value ?? null) || !was !== !is,
        events,
        reopening,
      };
      return { ...report, message: reportMessage(report) };
    })
    .sort(
      (a, b) =>
        (order.get(a.indicator) ?? 0) - (order.get(b.indicator) ?? 0) ||
        (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
        (a.area < b.area ? -1 : a.area > b.area ? 1 : 0),
    );

  return {
    plan: { code: after.plan.code, name: after.plan.name },
    corte: { ...corte },
    year,
    asOf: corte.periodEnd,
    before: { knownAt: before.knownAt },
    after: { knownAt: after.knownAt },
    cells,
    reports,
  };
}

const COMMENTED_ACTIONS = new Set(["return", "unapprove"]);

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * The reopening that allowed a change: of the corte that collects the
 * report's period, naming the indicator, the latest created by the change
 * (data-quality.ts applies the same rule to cambios retroactivos).
 */
function reopeningFor(
  reopenings: readonly DiffReopening[],
  report: { indicator: string; period: string },
  changedAt: string | null,
): DiffReopening | null {
  const period = parsePeriod(report.period);
  if (period === null || changedAt === null) return null;
  const periodEnd = cortePeriodEnd(period);
  return (
    reopenings
      .filter(
        (r) =>
          r.periodEnd === periodEnd &&
          r.indicators.includes(report.indicator) &&
          r.createdAt <= changedAt,
      )
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0] ?? null
  );
}

function valueText(ref: DiffVersionRef | null): string {
  return ref === null
    ? "sin valor aprobado"
    : `${formatNumber(ref.value)} (versión ${ref.version})`;
}

function eventText(event: ReportEvent): string {
  const what = ACTION_LABEL[event.action] ?? event.action;
  const who = event.by === null ? "" : ` por ${event.by}`;
  const why = event.comment ? `: «${event.comment}»` : "";
  return `${what} el ${bogotaInstant(event.recordedAt)}${who}${why}`;
}

function reportMessage(report: Omit<InformeDiffReport, "message">): string {
  const area = report.area === "" ? "" : ` (área ${report.area})`;
  const head = `El reporte de ${report.indicator} «${report.indicatorName}» del periodo ${report.period}${area}: ${valueText(report.before)} → ${valueText(report.after)}.`;
  const said = report.events.map(eventText).join("; ");
  const events = said === "" ? "" : ` ${said.charAt(0).toUpperCase()}${said.slice(1)}.`;
  const reopening =
    report.reopening === null
      ? ""
      : ` Corte del ${isoDay(report.reopening.periodEnd)} reabierto el ${isoDay(bogotaDate(new Date(report.reopening.createdAt)))}${report.reopening.by === null ? "" : ` por ${report.reopening.by}`}: «${report.reopening.justification}».`;
  return `${head}${events}${reopening}`;
}
