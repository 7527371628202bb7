/**
 * Publishing (ADR 0016): the plan, and each closed corte, as a publication
 * that freezes its snapshot. Each write runs in one transaction holding the
 * plan row's lock — the lock report writers and the corte's closing take — so
 * no report changes while a corte is read for publication, and publication
 * numbers are handed out one at a time. Nothing is ever updated: publishing
 * again after a correction adds a new, numbered publication that supersedes
 * the earlier one; publishing with nothing changed adds nothing.
 */
import { createHash } from "node:crypto";
import {
  bogotaDate,
  buildCorteSnapshot,
  buildPlanSnapshot,
  type CorteSnapshot,
  DEFAULT_LICENSE,
  type LicenseId,
  type Plan,
  type PlanStatus,
  type PublicationSnapshot,
  type PublishedEvidence,
  type PublishedReprogramacion,
  publicationLicense,
  type ReportForPublication,
} from "@rumbo/core";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { cortes, evidenceFiles, plans, planVersions, publications } from "../db/schema.ts";
import { getPlanVersionAt } from "../plans/plan-revisions.ts";
import { getPlan } from "../plans/plans-repository.ts";
import { latestVersions, statusOf } from "../seguimiento/corte-queries.ts";
import { lockPlanForReports, SeguimientoRefusal } from "../seguimiento/report-store.ts";
import {
  listPlanPublications,
  nextPublicationNumber,
  type PublicationRecord,
  readSnapshot,
} from "./publication-store.ts";

/** Who publishes, and when. */
export type PublicationAct = { userId: number | null; now: Date };

export type PublishOutcome = { publication: PublicationRecord; created: boolean };

/**
 * Records the plan's publication, inside the caller's transaction that holds
 * the plan's lock (the lifecycle's publishPlan): a new one when there is none
 * yet, or when the plan's version or its licence changed since the last one.
 * The licence is the one asked, else the one already adopted, else CC BY-SA 4.0.
 */
export async function recordPlanPublication(
  tx: Database,
  planId: number,
  options: { license?: LicenseId | undefined; licenseAct?: string | undefined },
  act: PublicationAct,
): Promise<PublishOutcome> {
  const [state] = await tx
    .select({ version: plans.version, status: plans.status })
    .from(plans)
    .where(eq(plans.id, planId));
  const plan = await getPlan(tx, planId);
  if (!state || !plan)
    throw new SeguimientoRefusal("PLAN_NOT_FOUND", `No existe el plan ${planId}.`);
  const latest = await latestPlanPublication(tx, planId);
  const licenseId = options.license ?? latest?.license.id ?? DEFAULT_LICENSE;
  const act_ =
    options.licenseAct !== undefined
      ? options.licenseAct
      : licenseId === latest?.license.id
        ? latest.license.act
        : null;
  const snapshot = buildPlanSnapshot({
    plan: withoutId(plan),
    planVersion: state.version,
    status: state.status as PlanStatus,
    license: publicationLicense(licenseId, act_),
    reprogramaciones: await reprogramacionesOf(tx, planId),
  });
  return storePublication(tx, planId, snapshot, latest, { corteId: null, periodEnd: null }, act);
}

/** Publishes a closed corte of a published plan. */
export async function publishCorte(
  db: Database,
  planId: number,
  corteId: number,
  act: PublicationAct,
): Promise<PublishOutcome> {
  return db.transaction(async (tx) => {
    if (!(await lockPlanForReports(tx, planId)))
      throw new SeguimientoRefusal("PLAN_NOT_FOUND", `No existe el plan ${planId}.`);
    const [corte] = await tx
      .select()
      .from(cortes)
      .where(and(eq(cortes.id, corteId), eq(cortes.planId, planId)));
    if (!corte) {
      throw new SeguimientoRefusal(
        "CORTE_NOT_FOUND",
        `El plan ${planId} no tiene el corte ${corteId}.`,
      );
    }
    const shown = shownDate(corte.periodEnd);
    if (!corte.closedAt) {
      throw new SeguimientoRefusal(
        "CORTE_NOT_CLOSED",
        `El corte del ${shown} no está cerrado: solo se publica un corte cerrado.`,
      );
    }
    const [planRow] = await tx
      .select({ published: plans.published })
      .from(plans)
      .where(eq(plans.id, planId));
    const planPublication = await latestPlanPublication(tx, planId);
    if (!planRow?.published || !planPublication) {
      throw new SeguimientoRefusal(
        "PLAN_NOT_PUBLISHED",
        `El corte del ${shown} no se publicó: primero publique el plan.`,
      );
    }
    const inForce = await getPlanVersionAt(tx, planId, corte.periodEnd);
    const current = inForce ?? (await currentPlan(tx, planId));
    const all = await listPlanPublications(tx, planId);
    const earlier = all
      .filter((p) => p.kind === "corte" && p.periodEnd !== null && p.periodEnd < corte.periodEnd)
      .sort((a, b) => (a.periodEnd ?? "").localeCompare(b.periodEnd ?? "") || a.number - b.number)
      .at(-1);
    const previous = earlier
      ? {
          snapshot: (await readSnapshot(tx, earlier.id)) as CorteSnapshot,
          number: earlier.number,
          publishedAt: earlier.publishedAt.toISOString(),
        }
      : null;
    const snapshot = buildCorteSnapshot({
      plan: withoutId(current.plan),
      planVersion: current.version,
      license: planPublication.license,
      corte: {
        periodEnd: corte.periodEnd,
        opensOn: corte.opensOn,
        dueOn: corte.dueOn,
        closesOn: corte.closesOn,
        closedOn: bogotaDate(corte.closedAt),
      },
      reports: await reportsForPublication(tx, planId),
      previous,
      reprogramaciones: await reprogramacionesOf(tx, planId),
    });
    const latestOfCorte = all.find((p) => p.kind === "corte" && p.corteId === corteId) ?? null;
    return storePublication(
      tx,
      planId,
      snapshot,
      latestOfCorte,
      { corteId, periodEnd: corte.periodEnd },
      act,
    );
  });
}

async function storePublication(
  tx: Database,
  planId: number,
  snapshot: PublicationSnapshot,
  latest: PublicationRecord | null,
  place: { corteId: number | null; periodEnd: string | null },
  act: PublicationAct,
): Promise<PublishOutcome> {
  const json = JSON.stringify(snapshot);
  const contentSha256 = createHash("sha256").update(json).digest("hex");
  if (latest && latest.contentSha256 === contentSha256)
    return { publication: latest, created: false };
  const number = await nextPublicationNumber(tx, planId);
  const [row] = await tx
    .insert(publications)
    .values({
      planId,
      number,
      kind: snapshot.kind,
      corteId: place.corteId,
      periodEnd: place.periodEnd,
      publishedAt: act.now,
      publishedBy: act.userId,
      planVersion: snapshot.planVersion,
      license: snapshot.license.id,
      licenseAct: snapshot.license.act,
      supersedesId: latest?.id ?? null,
      contentSha256,
      snapshot,
    })
    .returning({ id: publications.id });
  if (!row) throw new Error("No se pudo guardar la publicación.");
  return {
    publication: {
      id: row.id,
      planId,
      number,
      kind: snapshot.kind,
      corteId: place.corteId,
      periodEnd: place.periodEnd,
      publishedAt: act.now,
      publishedBy: act.userId,
      planVersion: snapshot.planVersion,
      license: snapshot.license,
      contentSha256,
      supersedes: latest?.number ?? null,
    },
    created: true,
  };
}

async function latestPlanPublication(
  tx: Database,
  planId: number,
): Promise<PublicationRecord | null> {
  return (await listPlanPublications(tx, planId)).find((p) => p.kind === "plan") ?? null;
}

async function currentPlan(tx: Database, planId: number) {
  const plan = await getPlan(tx, planId);
  const [state] = await tx
    .select({ version: plans.version })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan || !state)
    throw new SeguimientoRefusal("PLAN_NOT_FOUND", `No existe el plan ${planId}.`);
  return { plan, version: state.version };
}

/** The stored plan without its database id: the rumbo.plan/v1 document. */
function withoutId(plan: Plan & { id?: number }): Plan {
  const { id: _id, ...rest } = plan;
  return rest;
}

/**
 * The latest version of every report of the plan (areas' shares too), as core
 * decides what to publish from: values, analysis and soportes — soportes by
 * name, type, size and SHA-256, never who added them (Ley 1581 de 2012).
 */
async function reportsForPublication(
  tx: Database,
  planId: number,
): Promise<ReportForPublication[]> {
  const latest = [...(await latestVersions(tx, planId, undefined, { areaShares: true })).values()];
  const hashes = [
    ...new Set(
      latest.flatMap((r) => r.evidence.flatMap((e) => (e.kind === "file" ? [e.sha256] : []))),
    ),
  ];
  const files =
    hashes.length === 0
      ? []
      : await tx
          .select({
            sha256: evidenceFiles.sha256,
            size: evidenceFiles.size,
            mediaType: evidenceFiles.mediaType,
          })
          .from(evidenceFiles)
          .where(inArray(evidenceFiles.sha256, hashes));
  const fileOf = new Map(files.map((f) => [f.sha256, f]));
  return latest.map((r) => ({
    indicator: r.indicatorCode,
    period: r.period,
    area: r.area,
    status: statusOf(r) ?? "borrador",
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    analysis: {
      achievements: r.achievements,
      difficulties: r.difficulties,
      actions: r.actions,
      benefits: r.benefits,
    },
    warningExplanations: r.explanations,
    approvedOn: bogotaDate(r.reviewedAt ?? r.recordedAt),
    evidence: r.evidence.flatMap((e): PublishedEvidence[] => {
      if (e.kind === "link") return [{ kind: "link", url: e.url, title: e.title }];
      const file = fileOf.get(e.sha256);
      return file
        ? [
            {
              kind: "file",
              sha256: e.sha256,
              fileName: e.fileName,
              mediaType: file.mediaType,
              size: file.size,
            },
          ]
        : [];
    }),
  }));
}

/** The plan's reprogramaciones with their justification and act (no person). */
async function reprogramacionesOf(
  tx: Database,
  planId: number,
): Promise<PublishedReprogramacion[]> {
  const rows = await tx
    .select({
      version: planVersions.version,
      effectiveFrom: planVersions.effectiveFrom,
      createdAt: planVersions.createdAt,
      justification: planVersions.justification,
      act: planVersions.actReference,
    })
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.kind, "reprogramacion")))
    .orderBy(asc(planVersions.version));
  return rows.map((r) => ({
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    recordedOn: bogotaDate(r.createdAt),
    justification: r.justification,
    act: r.act,
  }));
}

function shownDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
