/**
 * getDashboard and explainCompliance: the engine's result for the same query
 * as getCompliance (resolveCompliance), shaped by core's pure builders; and
 * getInforme, the informe de seguimiento of a corte built from the same result;
 * diffInforme, what changed in that informe since it was issued.
 */
import {
  api,
  buildDashboard,
  buildIndicatorSeries,
  type CellAt,
  type ComplianceResult,
  explainCellData,
  INFORME_CONTENT_TYPES,
  type Plan,
  type PlanDashboard,
} from "@rumbo/core";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/open-database.ts";
import { informeDiff } from "../../informe/informe-diff-service.ts";
import { informeModel } from "../../informe/informe-service.ts";
import { previousCorteCompliance, withPreviousTablero } from "../../informe/previous-corte.ts";
import type { ComplianceCache } from "../../seguimiento/compliance-cache.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import {
  type ComputedCompliance,
  resolveCompliance,
  stampedPlanResource,
  stampOf,
} from "./compliance-routes.ts";
import { planResource } from "./plans-routes.ts";

type PreviousCorte = Awaited<ReturnType<typeof previousCorteCompliance>>;
type KeptDashboard = { previous: ComplianceResult | null; json: Buffer };
const dashboards = new WeakMap<ComplianceResult, Map<string, KeptDashboard>>();

/**
 * getDashboard's body, encoded and checked against the contract as Fastify's
 * serializer does it, once per state of the cache (as getCompliance's, ADR
 * 0018): kept with the shared result, for this vigencia and previous corte,
 * while the previous corte's shared result is the same object too.
 */
function dashboardJson(
  computed: ComputedCompliance,
  previous: PreviousCorte,
  at: CellAt,
  build: () => PlanDashboard,
): Buffer | null {
  const previousShared = previous === null ? null : previous.computed.shared;
  if (computed.shared === undefined || previousShared === undefined) return null;
  const corte =
    previous === null
      ? ""
      : `${previous.corte.id}|${previous.corte.periodEnd}|${previous.corte.closedAt}`;
  const key = `${at}|${corte}`;
  let kept = dashboards.get(computed.shared);
  if (kept === undefined) {
    kept = new Map();
    dashboards.set(computed.shared, kept);
  }
  const entry = kept.get(key);
  if (entry !== undefined && entry.previous === previousShared) return entry.json;
  const encoded = z.safeEncode(api.getDashboard.responses[200], build());
  if (!encoded.success) throw encoded.error;
  const json = Buffer.from(JSON.stringify(encoded.data));
  kept.set(key, { previous: previousShared, json });
  return json;
}

/** `year=AAAA` must be a vigencia of the plan; `period=cuatrienio` is the whole period. */
function cellAt(plan: Plan, query: { year?: string | undefined }): CellAt {
  if (query.year === undefined) return "period";
  const year = Number(query.year);
  if (!plan.years.includes(year)) {
    const message = `el año ${query.year} no es una vigencia del plan (${plan.years.join(", ")})`;
    throw new ApiError(400, "VALIDATION_ERROR", `La solicitud no es válida: ${message}`, [
      { field: "year", message },
    ]);
  }
  return year;
}

export function dashboardRoutes(
  db: Database,
  now: () => Date,
  cache: ComplianceCache,
): FastifyPluginAsyncZod {
  return async (app) => {
    // The informe de seguimiento of a corte, as a file (informe/informe-files.ts).
    app.get(
      api.getInforme.path,
      contractRoute(api.getInforme, planResource(db)),
      async (request, reply) => {
        const { format, corte, knownAt } = request.query;
        const model = await informeModel(db, request.params.id, { corte, knownAt }, now());
        // Loaded on the first informe: exceljs, pdfkit and ECharts stay off the start-up path.
        const { informeFileName, writeInforme } = await import("../../informe/informe-files.ts");
        const bytes = await writeInforme(model, format);
        return reply
          .header("content-type", INFORME_CONTENT_TYPES[format])
          .header("content-disposition", `attachment; filename="${informeFileName(model, format)}"`)
          .send(bytes);
      },
    );

    // «¿Qué cambió desde este informe?»: the informe then against today's.
    app.get(
      api.diffInforme.path,
      contractRoute(api.diffInforme, planResource(db)),
      async (request) => informeDiff(db, request.params.id, request.query),
    );

    app.get(
      api.getDashboard.path,
      contractRoute(api.getDashboard, stampedPlanResource(db)),
      async (request, reply) => {
        const { id } = request.params;
        const computed = await resolveCompliance(db, id, request.query, cache, stampOf(request));
        const at = cellAt(computed.plan, request.query);
        const previous = await previousCorteCompliance(
          db,
          id,
          request.query,
          computed.options.asOf,
          cache,
        );
        const build = () => withPreviousTablero(buildDashboard(computed, at), previous, at);
        const json = dashboardJson(computed, previous, at, build);
        if (json === null) return build();
        // Already encoded and checked: the bytes go out as they are.
        return (reply as FastifyReply).type("application/json; charset=utf-8").send(json);
      },
    );

    app.get(
      api.getIndicatorSeries.path,
      contractRoute(api.getIndicatorSeries, planResource(db)),
      async (request) => {
        // Without the cache the answer carries the values the engine read.
        const computed = await resolveCompliance(db, request.params.id, request.query);
        const { actuals } = computed;
        if (actuals === undefined)
          throw new Error("la serie se calcula sin la caché de resultados");
        const series = buildIndicatorSeries({ ...computed, actuals }, request.params.code);
        if (series === null)
          throw new ApiError(
            404,
            "INDICATOR_NOT_FOUND",
            `El plan no tiene el indicador ${request.params.code}.`,
          );
        return series;
      },
    );

    app.get(
      api.explainCompliance.path,
      contractRoute(api.explainCompliance, stampedPlanResource(db)),
      async (request) => {
        const computed = await resolveCompliance(
          db,
          request.params.id,
          request.query,
          cache,
          stampOf(request),
        );
        const at = cellAt(computed.plan, request.query);
        const { objective, indicator } = request.query;
        if (
          objective !== undefined &&
          !computed.plan.objectives.some((item) => item.code === objective)
        ) {
          throw new ApiError(
            404,
            "OBJECTIVE_NOT_FOUND",
            `El plan no tiene el objetivo ${objective}.`,
          );
        }
        if (
          indicator !== undefined &&
          !computed.plan.objectives.some((item) =>
            item.indicators.some((entry) => entry.code === indicator),
          )
        ) {
          throw new ApiError(
            404,
            "INDICATOR_NOT_FOUND",
            `El plan no tiene el indicador ${indicator}.`,
          );
        }
        const target =
          objective !== undefined
            ? ({ level: "objective", code: objective } as const)
            : indicator !== undefined
              ? ({ level: "indicator", code: indicator } as const)
              : ({ level: "plan" } as const);
        return explainCellData(computed, target, at);
      },
    );
  };
}
