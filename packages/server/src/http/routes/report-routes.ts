/**
 * Reportes de avance over HTTP (ADR 0015): read one report and its history,
 * save the draft, submit it, and planeación's review (return, approve,
 * un-approve). Each route parses, lets the policy decide on the INDICATOR (so a
 * responsable's scope and area count), calls the report service and answers
 * the report with its ETag `"r<version>"`; the rules live in core and the
 * service. For an indicator several areas report, `?area=` names the share:
 * the policy sees that area, so one area's responsable cannot write another's.
 */
import { api, can, checkReportArea, type Resource } from "@rumbo/core";
import { and, eq } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import { indicators, objectives } from "../../db/schema.ts";
import { getPlanAccess } from "../../plans/plans-repository.ts";
import {
  approveReport,
  type ReportWriteOptions,
  returnReport,
  saveReport,
  submitReport,
  unapproveReport,
} from "../../seguimiento/report-service.ts";
import {
  type ReportKey,
  type ReportVersionRow,
  reportEtag,
} from "../../seguimiento/report-store.ts";
import { getReportHistoryView, getReportView } from "../../seguimiento/report-view.ts";
import { missingPlan, type ResourceResolver, refusal } from "../access-control.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { ifMatchVersion } from "../if-match.ts";

type ReportRequestParts = {
  params: { id: number; code: string; period: string };
  query: { area?: string | undefined };
};

/**
 * The indicator a report route acts on, as the policy needs it: its objective
 * and responsible area, so scopes by objective, indicator or area work. A code
 * not in the plan is 404 INDICATOR_NOT_FOUND to whoever may read the plan; a
 * plan they may not read answers like a missing one.
 */
export function indicatorResource(db: Database): ResourceResolver {
  return async (request) => {
    const { id, code } = request.params as ReportRequestParts["params"];
    const asked = (request.query as ReportRequestParts["query"]).area?.trim() ?? "";
    const access = await getPlanAccess(db, id);
    if (!access) throw missingPlan(request.actor, id);
    const plan: Resource = { kind: "plan", planId: access.id, published: access.published };
    const [row] = await db
      .select({
        objectiveCode: objectives.code,
        responsibleArea: indicators.responsible,
        reportingAreas: indicators.reportingAreas,
      })
      .from(indicators)
      .innerJoin(objectives, eq(objectives.id, indicators.objectiveId))
      .where(and(eq(indicators.planId, access.id), eq(indicators.code, code)));
    if (!row) {
      if (!can(request.actor, "plan.read", plan)) throw refusal(request.actor, plan);
      throw new ApiError(
        404,
        "INDICATOR_NOT_FOUND",
        `El plan ${access.id} no tiene el indicador ${code}.`,
      );
    }
    // The share of one of several reporting areas is that area's to report; the
    // service refuses an area the ficha does not declare.
    const share = checkReportArea({ code, reportingAreas: row.reportingAreas ?? undefined }, asked);
    return {
      kind: "indicator",
      planId: access.id,
      objectiveCode: row.objectiveCode,
      indicatorCode: code,
      responsibleArea: row.responsibleArea,
      ...(share.ok && share.area !== "" ? { shareArea: share.area } : {}),
      published: access.published,
    };
  };
}

/** A write whose service audits it in its own transaction (one entry per real change, none for a no-op). */
function auditedByService<T extends { config: object }>(options: T): T {
  return { ...options, config: { ...options.config, auditsItself: true } };
}

function keyOf(request: ReportRequestParts): ReportKey {
  return {
    planId: request.params.id,
    indicatorCode: request.params.code,
    period: request.params.period,
    area: request.query.area?.trim() ?? "",
  };
}

export function reportRoutes(db: Database, now: () => Date): FastifyPluginAsyncZod {
  return async (app) => {
    const resource = indicatorResource(db);

    /** Who writes and which version they started from (If-Match `"r<n>"`). */
    function writeOptions(request: FastifyRequest & ReportRequestParts): ReportWriteOptions {
      return {
        key: keyOf(request),
        actor: { userId: request.user?.id ?? null, email: request.user?.email ?? null },
        expected: ifMatchVersion(request, "r"),
        source: "formulario",
        now: now(),
        ip: request.ip,
      };
    }

    async function answer(
      reply: FastifyReply,
      request: ReportRequestParts,
      /** The version just written; undefined: read the latest. */
      row: ReportVersionRow | undefined,
      at: Date,
    ) {
      const view = await getReportView(db, {
        key: keyOf(request),
        now: at,
        ...(row ? { row } : {}),
      });
      reply.header("etag", reportEtag(view.version));
      return view;
    }

    app.get(api.getReport.path, contractRoute(api.getReport, resource), async (request, reply) =>
      answer(reply, request, undefined, now()),
    );

    app.put(
      api.saveReport.path,
      auditedByService(contractRoute(api.saveReport, resource)),
      async (request, reply) => {
        const options = writeOptions(request);
        const body = request.body;
        const row = await saveReport(db, {
          ...options,
          input: {
            ...(body.value !== undefined ? { value: body.value } : {}),
            ...(body.numerator !== undefined ? { numerator: body.numerator } : {}),
            ...(body.denominator !== undefined ? { denominator: body.denominator } : {}),
            ...(body.analysis ? { analysis: body.analysis } : {}),
            ...(body.explanations ? { explanations: body.explanations } : {}),
            ...(body.evidence ? { evidence: body.evidence } : {}),
          },
        });
        return answer(reply, request, row, options.now);
      },
    );

    app.post(
      api.submitReport.path,
      auditedByService(contractRoute(api.submitReport, resource)),
      async (request, reply) => {
        const options = writeOptions(request);
        return answer(reply, request, await submitReport(db, options), options.now);
      },
    );

    app.post(
      api.returnReport.path,
      auditedByService(contractRoute(api.returnReport, resource)),
      async (request, reply) => {
        const options = writeOptions(request);
        const row = await returnReport(db, { ...options, comment: request.body.comment });
        return answer(reply, request, row, options.now);
      },
    );

    app.post(
      api.approveReport.path,
      auditedByService(contractRoute(api.approveReport, resource)),
      async (request, reply) => {
        const options = writeOptions(request);
        return answer(reply, request, await approveReport(db, options), options.now);
      },
    );

    app.post(
      api.unapproveReport.path,
      auditedByService(contractRoute(api.unapproveReport, resource)),
      async (request, reply) => {
        const options = writeOptions(request);
        const row = await unapproveReport(db, {
          ...options,
          justification: request.body.justification,
        });
        return answer(reply, request, row, options.now);
      },
    );

    app.get(
      api.getReportHistory.path,
      contractRoute(api.getReportHistory, resource),
      async (request) => getReportHistoryView(db, { key: keyOf(request) }),
    );
  };
}
