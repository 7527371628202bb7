/**
 * Cortes de seguimiento (ADR 0015): planeación programs a corte,
 * closes it in an explicit act, and reopens a closed one for named indicators
 * with a justification until a date. Every write is one transaction that
 * locks the plan row (the same lock report writers take, so a report and the
 * closing of its corte queue instead of racing), decides with core's rules
 * and writes its audit entry. The answer carries the corte's progress.
 */
import {
  bogotaDate,
  type CorteDates,
  checkCorteDates,
  checkReopeningUntil,
  corteProgress,
  isReopeningActive,
  type Plan,
  reportingAreaNames,
  reportsDueAt,
} from "@rumbo/core";
import { and, eq } from "drizzle-orm";
import { writeAudit } from "../audit/audit-repository.ts";
import type { Database } from "../db/open-database.ts";
import { corteReopenings, cortes } from "../db/schema.ts";
import { whenUniqueViolation } from "../db/unique-violation.ts";
import { getPlan } from "../plans/plans-repository.ts";
import {
  type ActorRef,
  actorNames,
  type CorteWithReopenings,
  firstSubmittedOn,
  latestVersions,
  listPlanCortes,
  reportKey,
  stateOf,
  statusOf,
} from "./corte-queries.ts";
import { type CorteRow, lockPlanForReports, SeguimientoRefusal } from "./report-store.ts";

/** Who acts (the authenticated user of the request) and when. */
export type CorteAct = {
  userId: number | null;
  actorEmail: string | null;
  ip: string | null;
  now: Date;
};

export type CorteJson = {
  id: number;
  planId: number;
  periodEnd: string;
  opensOn: string;
  dueOn: string;
  closesOn: string;
  state: ReturnType<typeof stateOf>;
  closedAt: string | null;
  closedBy: ActorRef | null;
  reopenings: {
    id: number;
    indicators: string[];
    justification: string;
    until: string;
    createdAt: string;
    createdBy: ActorRef | null;
    active: boolean;
  }[];
  progress: ReturnType<typeof corteProgress>;
};

/** Every corte of the plan with its state, reopenings and progress, in calendar order. */
export async function listCortes(db: Database, planId: number, now: Date): Promise<CorteJson[]> {
  const plan = await getPlan(db, planId);
  if (!plan) throw planNotFound(planId);
  return cortesJson(db, plan, await listPlanCortes(db, planId), now);
}

export async function createCorte(
  db: Database,
  planId: number,
  dates: CorteDates,
  act: CorteAct,
): Promise<CorteJson> {
  const id = await db.transaction(async (tx) => {
    if (!(await lockPlanForReports(tx, planId))) throw planNotFound(planId);
    const plan = await getPlan(tx, planId);
    if (!plan) throw planNotFound(planId);
    const problems = checkCorteDates(dates, plan.years);
    if (problems.length > 0) {
      throw new SeguimientoRefusal(
        "VALIDATION_ERROR",
        `El corte no se creó: ${problems.map((p) => p.message).join(" ")}`,
        problems,
      );
    }
    const exists = corteExists(dates.periodEnd);
    const [taken] = await tx
      .select({ id: cortes.id })
      .from(cortes)
      .where(and(eq(cortes.planId, planId), eq(cortes.periodEnd, dates.periodEnd)));
    if (taken) throw exists;
    const [row] = await tx
      .insert(cortes)
      .values({ planId, ...dates, createdBy: act.userId })
      .returning({ id: cortes.id })
      .catch(whenUniqueViolation("cortes_plan_period_end", () => exists));
    if (!row) throw new Error("No se pudo guardar el corte.");
    await writeAudit(tx, {
      userId: act.userId,
      actorEmail: act.actorEmail,
      action: "corte-programado",
      resource: `plan ${planId} / corte ${dates.periodEnd}`,
      outcome: "ok",
      ip: act.ip,
      details: { corteId: row.id, ...dates },
    });
    return row.id;
  });
  return corteJson(db, planId, id, act.now);
}

/** Closing is an explicit act: from now on only a reopening lets a report of the corte change. */
export async function closeCorte(
  db: Database,
  planId: number,
  corteId: number,
  act: CorteAct,
): Promise<CorteJson> {
  await db.transaction(async (tx) => {
    const corte = await lockedCorte(tx, planId, corteId);
    const today = bogotaDate(act.now);
    const state = stateOf(corte, today);
    if (state === "cerrado") {
      throw new SeguimientoRefusal(
        "CORTE_ALREADY_CLOSED",
        `El corte del ${shown(corte.periodEnd)} ya está cerrado desde el ${shown(bogotaDate(corte.closedAt ?? act.now))}.`,
      );
    }
    if (state === "programado") {
      throw new SeguimientoRefusal(
        "NOT_OPEN_YET",
        `El corte del ${shown(corte.periodEnd)} aún no abre (abre el ${shown(corte.opensOn)}): no se puede cerrar un corte que no ha abierto.`,
      );
    }
    await tx
      .update(cortes)
      .set({ closedAt: act.now, closedBy: act.userId })
      .where(eq(cortes.id, corte.id));
    await writeAudit(tx, {
      userId: act.userId,
      actorEmail: act.actorEmail,
      action: "corte-cerrado",
      resource: `plan ${planId} / corte ${corte.periodEnd}`,
      outcome: "ok",
      ip: act.ip,
      details: { corteId: corte.id, closedAt: act.now.toISOString(), closesOn: corte.closesOn },
    });
  });
  return corteJson(db, planId, corteId, act.now);
}

export type Reopening = { justification: string; until: string; indicators: readonly string[] };

/** Reopens a closed corte for the named indicators of the plan, until a date (inclusive). */
export async function reopenCorte(
  db: Database,
  planId: number,
  corteId: number,
  reopening: Reopening,
  act: CorteAct,
): Promise<CorteJson> {
  await db.transaction(async (tx) => {
    const corte = await lockedCorte(tx, planId, corteId);
    if (corte.closedAt === null) {
      throw new SeguimientoRefusal(
        "CORTE_NOT_CLOSED",
        `El corte del ${shown(corte.periodEnd)} no está cerrado: sus reportes todavía se pueden cambiar, no hace falta reabrirlo.`,
      );
    }
    const plan = await getPlan(tx, planId);
    if (!plan) throw planNotFound(planId);
    const known = new Set(plan.objectives.flatMap((o) => o.indicators.map((i) => i.code)));
    const codes = [...new Set(reopening.indicators.map((c) => c.trim()))];
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new SeguimientoRefusal(
        "INDICATOR_NOT_FOUND",
        `El plan no tiene ${unknown.length === 1 ? "el indicador" : "los indicadores"} ${unknown.join(", ")}: no se reabrió el corte.`,
        unknown.map((code) => ({
          field: "indicators",
          message: `No existe el indicador ${code}.`,
        })),
      );
    }
    const untilProblem = checkReopeningUntil(reopening.until, bogotaDate(act.now));
    if (untilProblem) {
      throw new SeguimientoRefusal("VALIDATION_ERROR", untilProblem, [
        { field: "until", message: untilProblem },
      ]);
    }
    const [row] = await tx
      .insert(corteReopenings)
      .values({
        corteId: corte.id,
        indicatorCodes: codes,
        justification: reopening.justification,
        until: reopening.until,
        createdAt: act.now,
        createdBy: act.userId,
      })
      .returning({ id: corteReopenings.id });
    await writeAudit(tx, {
      userId: act.userId,
      actorEmail: act.actorEmail,
      action: "corte-reabierto",
      resource: `plan ${planId} / corte ${corte.periodEnd}`,
      outcome: "ok",
      ip: act.ip,
      details: {
        corteId: corte.id,
        reopeningId: row?.id ?? null,
        indicators: codes,
        justification: reopening.justification,
        until: reopening.until,
      },
    });
  });
  return corteJson(db, planId, corteId, act.now);
}

/** The corte of the plan, read after locking the plan row; 404 when the plan or the corte is missing. */
async function lockedCorte(tx: Database, planId: number, corteId: number): Promise<CorteRow> {
  if (!(await lockPlanForReports(tx, planId))) throw planNotFound(planId);
  const [corte] = await tx
    .select()
    .from(cortes)
    .where(and(eq(cortes.planId, planId), eq(cortes.id, corteId)));
  if (!corte) throw corteNotFound(planId, corteId);
  return corte;
}

async function corteJson(
  db: Database,
  planId: number,
  corteId: number,
  now: Date,
): Promise<CorteJson> {
  const plan = await getPlan(db, planId);
  if (!plan) throw planNotFound(planId);
  const corte = (await listPlanCortes(db, planId)).find((c) => c.id === corteId);
  if (!corte) throw corteNotFound(planId, corteId);
  const [json] = await cortesJson(db, plan, [corte], now);
  if (!json) throw corteNotFound(planId, corteId);
  return json;
}

async function cortesJson(
  db: Database,
  plan: Plan,
  rows: readonly CorteWithReopenings[],
  now: Date,
): Promise<CorteJson[]> {
  const planId = rows[0]?.planId;
  if (planId === undefined) return [];
  const today = bogotaDate(now);
  const dueByCorte = rows.map((c) => reportsDueAt(plan, c.periodEnd));
  const latest = await latestVersions(
    db,
    planId,
    dueByCorte.flat().map((d) => d.periodText),
    { areaShares: true },
  );
  const actor = await actorNames(
    db,
    rows.flatMap((c) => [c.closedBy, ...c.reopenings.map((r) => r.createdBy)]),
  );
  return rows.map((corte, index) => {
    // An indicator several areas report counts one report per area's share.
    const states = (dueByCorte[index] ?? []).flatMap((due) => {
      const areas = reportingAreaNames(due.indicator);
      return (areas.length === 0 ? [""] : areas).map((area) => {
        const row = latest.get(reportKey(due.indicator.code, due.periodText, area));
        return { status: statusOf(row), firstSubmittedOn: firstSubmittedOn(row) };
      });
    });
    return {
      id: corte.id,
      planId: corte.planId,
      periodEnd: corte.periodEnd,
      opensOn: corte.opensOn,
      dueOn: corte.dueOn,
      closesOn: corte.closesOn,
      state: stateOf(corte, today),
      closedAt: corte.closedAt?.toISOString() ?? null,
      closedBy: corte.closedAt ? actor(corte.closedBy) : null,
      reopenings: corte.reopenings.map((r) => ({
        id: r.id,
        indicators: r.indicatorCodes,
        justification: r.justification,
        until: r.until,
        createdAt: r.createdAt.toISOString(),
        createdBy: actor(r.createdBy),
        active: isReopeningActive(r, today),
      })),
      progress: corteProgress(corte, states),
    };
  });
}

/** `2024-12-31` → `31/12/2024`. */
export function shown(isoDay: string): string {
  const [year, month, day] = isoDay.split("-");
  return `${day}/${month}/${year}`;
}

export function planNotFound(planId: number): SeguimientoRefusal {
  return new SeguimientoRefusal("PLAN_NOT_FOUND", `No existe el plan ${planId}.`);
}

export function corteNotFound(planId: number, corteId: number): SeguimientoRefusal {
  return new SeguimientoRefusal(
    "CORTE_NOT_FOUND",
    `El plan ${planId} no tiene el corte ${corteId}.`,
  );
}

function corteExists(periodEnd: string): SeguimientoRefusal {
  return new SeguimientoRefusal(
    "CORTE_EXISTS",
    `Ya existe un corte del ${shown(periodEnd)} en este plan: use ese corte en vez de crear otro.`,
    [{ field: "periodEnd", message: `Ya hay un corte con fin del periodo ${periodEnd}.` }],
  );
}
