/**
 * Demo seguimiento (ADR 0015): on first start the seed plan gets
 * its follow-up history, written through the same services as the pages —
 * cortes by planeación, reports saved and submitted by whoever reports them,
 * approved or returned by planeación — so versions, history and audit are
 * real (origen «demo»). What a new user finds:
 * - the four 2024 cortes closed, with the example 2024 values of
 *   seeds/avances-2024-ejemplo.csv approved, each with a short analysis
 *   written from its indicator's name and numbers; the plan and those four
 *   cortes published by planeación (publications 1 to 5, ADR 0016);
 * - the corte that contains today in Bogotá (or the plan's last one) open,
 *   with a report in each state: meta 78 devuelto to the responsable of
 *   objetivo 3 with a comment, 77 and 4075 enviado waiting for review, 2307
 *   aprobado, 4074 in borrador — and meta 2320 not yet reported, for the
 *   responsable of objetivo 3 to report.
 * Objetivo 3's reports are the responsable's own; the rest are loaded by the
 * administrator, as an office does when it brings its history from SEGPLAN.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import {
  bogotaDate,
  type CorteDates,
  cortePeriodEnd,
  daysInMonth,
  type Indicator,
  isProgrammed,
  parsePeriod,
  type ReportImportRow,
  type ReportWarningCode,
} from "@rumbo/core";
import type { Database } from "./db/open-database.ts";
import { readReportFile } from "./files/report-file.ts";
import { publishPlan } from "./plans/plan-lifecycle-service.ts";
import { getPlan, type StoredPlan } from "./plans/plans-repository.ts";
import { publishCorte } from "./publicacion/publication-service.ts";
import { closeCorte, createCorte } from "./seguimiento/corte-service.ts";
import {
  approveReport,
  type ReportActor,
  returnReport,
  saveReport,
  submitReport,
} from "./seguimiento/report-service.ts";
import type { ReportVersionRow } from "./seguimiento/report-store.ts";
import { SeguimientoRefusal } from "./seguimiento/report-store.ts";

export const DEMO_ACTUALS_PATH = fileURLToPath(
  new URL("../../../seeds/avances-2024-ejemplo.csv", import.meta.url),
);

export type DemoActors = {
  administrador: ReportActor;
  planeacion: ReportActor;
  /** Responsable of objetivo 3 (metas 78 and 2320). */
  responsable: ReportActor;
};

/** The objective whose reports the demo responsable writes (bootstrap-accounts.ts). */
const RESPONSABLE_OBJECTIVE = "3";

type Placed = { indicator: Indicator; objectiveCode: string };

export async function loadDemoSeguimiento(
  db: Database,
  planId: number,
  actors: DemoActors,
  now: Date,
): Promise<void> {
  const plan = await getPlan(db, planId);
  if (!plan) throw new Error(`El plan de demostración ${planId} no existe.`);
  const placed = new Map<string, Placed>();
  for (const objective of plan.objectives) {
    for (const indicator of objective.indicators) {
      placed.set(indicator.code, { indicator, objectiveCode: objective.code });
    }
  }
  const demo = new DemoWriter(db, plan, placed, actors, now);

  // 2024: the four quarterly cortes, the example values approved, then closed.
  const firstYear = plan.years[0] ?? 2024;
  const cortes2024 = [];
  for (const month of [3, 6, 9, 12]) {
    cortes2024.push(await demo.corte(quarterEnd(firstYear, month)));
  }
  const read = await readReportFile(
    await readFile(DEMO_ACTUALS_PATH),
    "avances-2024-ejemplo.csv",
    "csv",
  );
  if (!read.ok)
    throw new Error(`Los avances de ejemplo no se leyeron:\n${read.problems.join("\n")}`);
  // Each example value as sent and approved in its corte's reporting window (ten
  // days after the period ends, before the deadline), so the 2024 cortes do not
  // show every report as late; the versions' recorded time stays the real one.
  for (const row of read.rows) {
    const period = parsePeriod(row.period);
    const sentOn = period ? addDays(cortePeriodEnd(period), 10) : null;
    await demo.approved(row, sentOn ? new Date(`${sentOn}T15:00:00Z`) : now);
  }
  for (const corte of cortes2024) {
    await closeCorte(db, planId, corte, demo.corteAct());
  }
  // Planeación publishes the plan and its closed 2024 cortes (ADR 0016), so
  // the public portal and its open data have content from the first start.
  const publisher = { userId: actors.planeacion.userId, now };
  await publishPlan(db, planId, true, {
    author: { userId: actors.planeacion.userId, actorEmail: actors.planeacion.email },
    now,
  });
  for (const corte of cortes2024) await publishCorte(db, planId, corte, publisher);

  // The open corte: the one that contains today, or the plan's last one.
  const today = bogotaDate(now);
  const lastEnd = `${plan.years[plan.years.length - 1]}-12-31`;
  const month = parsePeriod(today.slice(0, 7));
  if (!month) throw new Error(`La fecha ${today} no se entiende.`);
  const todayEnd = cortePeriodEnd(month);
  const periodEnd = todayEnd < lastEnd ? todayEnd : lastEnd;
  if (periodEnd <= `${firstYear}-12-31`) return;
  await demo.corte(periodEnd, today);
  const year = periodEnd.slice(0, 4);
  await demo.openCorteReport("2307", year, 0.98, "aprobado");
  await demo.openCorteReport("77", year, 0.99, "enviado");
  await demo.openCorteReport("4075", year, 0.82, "enviado");
  await demo.openCorteReport("4074", year, 1, "borrador");
  await demo.openCorteReport("78", year, 0.995, "devuelto");
}

function quarterEnd(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${daysInMonth(year, month)}`;
}

/** An ISO day plus some days. */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

class DemoWriter {
  constructor(
    private readonly db: Database,
    private readonly plan: StoredPlan,
    private readonly placed: Map<string, Placed>,
    private readonly actors: DemoActors,
    private now: Date,
  ) {}

  corteAct() {
    const { planeacion } = this.actors;
    return { userId: planeacion.userId, actorEmail: planeacion.email, ip: null, now: this.now };
  }

  /** A corte programmed by planeación: opens the day after the period (or `opensOn`), due in 15 days, closes in a month. */
  async corte(periodEnd: string, opensOn?: string): Promise<number> {
    const monthStart = `${periodEnd.slice(0, 8)}01`;
    const opens =
      opensOn === undefined ? addDays(periodEnd, 1) : opensOn < monthStart ? opensOn : monthStart;
    const dates: CorteDates = {
      periodEnd,
      opensOn: opens,
      dueOn: addDays(periodEnd, 15),
      closesOn: addDays(periodEnd, 31),
    };
    return (await createCorte(this.db, this.plan.id, dates, this.corteAct())).id;
  }

  private reporterOf(code: string): ReportActor {
    return this.placed.get(code)?.objectiveCode === RESPONSABLE_OBJECTIVE
      ? this.actors.responsable
      : this.actors.administrador;
  }

  private options(code: string, period: string, actor: ReportActor) {
    return {
      key: { planId: this.plan.id, indicatorCode: code, period, area: "" },
      actor,
      source: "demo" as const,
      now: this.now,
      plan: this.plan,
    };
  }

  /** Saved with its analysis and submitted by its reporter, explaining the warnings as a reporter would. */
  private async submitted(
    code: string,
    period: string,
    value: number | string,
  ): Promise<ReportVersionRow> {
    const placed = this.placed.get(code);
    if (!placed) throw new Error(`El indicador ${code} no está en el plan de demostración.`);
    const reporter = this.reporterOf(code);
    const texts = demoAnalysis(placed.indicator, period, Number(String(value).replace(",", ".")));
    const saved = await saveReport(this.db, {
      ...this.options(code, period, reporter),
      expected: undefined,
      input: { value, analysis: texts.analysis },
    });
    try {
      return await submitReport(this.db, {
        ...this.options(code, period, reporter),
        expected: saved.version,
      });
    } catch (error) {
      if (!(error instanceof SeguimientoRefusal) || error.code !== "WARNINGS_UNEXPLAINED")
        throw error;
      const codes = (Array.isArray(error.details) ? error.details : []).map(
        (d: { code: ReportWarningCode }) => d.code,
      );
      const explained = await saveReport(this.db, {
        ...this.options(code, period, reporter),
        expected: saved.version,
        input: {
          explanations: Object.fromEntries(codes.map((c) => [c, texts.explanations[c]])),
        },
      });
      return submitReport(this.db, {
        ...this.options(code, period, reporter),
        expected: explained.version,
      });
    }
  }

  /** A row of the example file, reported and approved by planeación. */
  async approved(row: ReportImportRow, at: Date): Promise<void> {
    if (row.value === undefined) return;
    const previous = this.now;
    this.now = at;
    try {
      await this.approvedNow(row, row.value);
    } finally {
      this.now = previous;
    }
  }

  private async approvedNow(row: ReportImportRow, value: string | number): Promise<void> {
    const sent = await this.submitted(row.indicator, row.period, value);
    await approveReport(this.db, {
      ...this.options(row.indicator, sent.period, this.actors.planeacion),
      expected: sent.version,
    });
  }

  /** A report of the open corte, `ratio` of the year's target, left in `state`. */
  async openCorteReport(
    code: string,
    year: string,
    ratio: number,
    state: "borrador" | "enviado" | "devuelto" | "aprobado",
  ): Promise<void> {
    const indicator = this.placed.get(code)?.indicator;
    const target = indicator?.targets[year];
    if (!indicator || !isProgrammed(target, indicator.trend)) return;
    // Counts stay whole; levels and indices keep two decimals.
    const count = indicator.unit === "número" && Number.isInteger(target);
    const value = count ? Math.round(target * ratio) : Math.round(target * ratio * 100) / 100;
    if (state === "borrador") {
      const reporter = this.reporterOf(code);
      await saveReport(this.db, {
        ...this.options(code, year, reporter),
        expected: undefined,
        input: { value, analysis: demoAnalysis(indicator, year, value).analysis },
      });
      return;
    }
    const sent = await this.submitted(code, year, value);
    const reviewer = this.options(code, year, this.actors.planeacion);
    if (state === "aprobado") await approveReport(this.db, { ...reviewer, expected: sent.version });
    if (state === "devuelto") {
      await returnReport(this.db, {
        ...reviewer,
        expected: sent.version,
        comment:
          "Adjunte como soporte el informe oficial de resultados de la medición e indique la fecha de publicación; sin él no se puede aprobar el valor.",
      });
    }
  }
}

const number = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 2 });

/** The indicator's name, cut at a word near 90 characters. */
function shortName(name: string): string {
  const clean = name.replace(/\s+/g, " ").trim().replace(/\.$/, "");
  if (clean.length <= 90) return clean;
  const cut = clean.slice(0, 90);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}

/** The unit after a number as a planner writes it: «44», «68,5 %», «85,3 puntos». */
function unitText(indicator: Indicator): string {
  const unit = indicator.unit?.trim().toLowerCase() ?? "";
  if (unit === "%") return " %";
  if (unit === "índice" || unit === "indice") return " puntos";
  return "";
}

/**
 * A short, plausible analysis of a report, from the indicator's name, the
 * value and the period's target: what a gerente de meta writes, never filler.
 */
export function demoAnalysis(
  indicator: Indicator,
  period: string,
  value: number,
): {
  analysis: { achievements: string; difficulties: string; actions: string; benefits: string };
  explanations: Record<ReportWarningCode, string>;
} {
  const parsed = parsePeriod(period);
  const year = String(parsed?.year ?? period.slice(0, 4));
  const target = indicator.targets[year];
  const programmed = isProgrammed(target, indicator.trend);
  const name = shortName(indicator.name);
  const unit = unitText(indicator);
  const when =
    parsed?.kind === "quarter"
      ? `el trimestre ${parsed.index} de ${year}`
      : parsed?.kind === "month"
        ? `el mes ${period}`
        : `la vigencia ${year}`;
  const ratio = programmed && parsed?.kind === "year" ? value / target : null;
  const achievements = programmed
    ? `En ${when} se alcanzó ${number.format(value)}${unit} en «${name}», frente a ${number.format(target)}${unit} programado para ${year}.`
    : `En ${when} se midió ${number.format(value)}${unit} en «${name}»; el indicador no tiene meta programada para ${year} y se reporta como referencia.`;
  const behind = ratio !== null && ratio < 0.9;
  const difficulties = behind
    ? `El avance llegó al ${number.format(ratio * 100)} % de lo programado: la contratación de apoyo técnico y la coordinación con las entidades tomaron más tiempo del previsto.`
    : "No se presentaron retrasos que pongan en riesgo la meta; las actividades siguieron el cronograma del plan de acción.";
  const actions = behind
    ? "Se acordó con las áreas responsables un cronograma de recuperación con seguimiento quincenal de la Oficina Asesora de Planeación."
    : "Mantener el seguimiento mensual con las áreas responsables y cargar los soportes de cada actividad a tiempo.";
  const benefits = `El avance en «${name}» se traduce en una gestión pública distrital más eficiente y verificable para la ciudadanía.`;
  return {
    analysis: { achievements, difficulties, actions, benefits },
    explanations: {
      semaforo:
        parsed?.kind === "year"
          ? "El resultado quedó por debajo de lo programado por los retrasos descritos; las acciones de mejora buscan recuperarlo en la siguiente vigencia."
          : "El periodo concentra el arranque de las actividades; la meta es anual y el avance sigue el cronograma acordado.",
      sobreejecucion:
        "Se adelantaron actividades previstas para el siguiente periodo gracias a la respuesta de las entidades; el resultado está respaldado por los soportes.",
      atipico:
        "El valor difiere de los reportes anteriores porque el periodo concentró la entrega de productos; se verificó con los soportes de las áreas.",
    },
  };
}
