/**
 * Updating a stored plan from its edited matriz (xlsx, csv or json): the dry
 * run answers what the import will do (crear is for new plans; here editar,
 * reprogramar or sin cambios) with every change against the current version,
 * and the import saves exactly that: an edit, or en vigencia a reprogramación
 * with its justification and acta when the programación changed. The body is
 * the file's own bytes, as in the import of a new plan, so the justification,
 * the acta and the effective date travel in the query string.
 */
import {
  api,
  bogotaDate,
  can,
  diffPlans,
  hasBlockingErrors,
  type ImportIssue,
  type Plan,
  type PlanChange,
  type PlanUpdateAction,
  planUpdateActionOf,
  programmingChanges,
  validatePlanRules,
} from "@rumbo/core";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import { type PlanFileFormat, readPlanFile } from "../../files/plan-files.ts";
import {
  getPlanMeta,
  getPlanVersion,
  type PlanMeta,
  replacePlan,
  VersionConflictError,
} from "../../plans/plan-revisions.ts";
import { getPlan, PlanCodeTakenError, type VersionMeta } from "../../plans/plans-repository.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { planResource } from "./plans-routes.ts";

/**
 * The plan a file holds and its analyst's review (every issue placed in the
 * file); any format problem or blocking error rejects it with all of them.
 */
export async function readImportedPlan(
  bytes: unknown,
  fileName: string,
  format: PlanFileFormat,
): Promise<{ plan: Plan; warnings: ImportIssue[] }> {
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
    throw new ApiError(400, "EMPTY_FILE", "El archivo está vacío.");
  }
  const read = await readPlanFile(bytes, fileName, format);
  if (!read.ok) {
    throw new ApiError(
      422,
      "IMPORT_FAILED",
      `${fileName} no se importó: ${read.problems.length} ${read.problems.length === 1 ? "problema" : "problemas"}. No se guardó nada.`,
      read.problems.map((message) => ({ message })),
    );
  }
  const issues = validatePlanRules(read.plan).map((issue) => ({
    code: issue.code,
    severity: issue.severity,
    message: issue.message,
    path: issue.path,
    location: read.locate(issue),
  }));
  if (hasBlockingErrors(issues)) {
    const blocking = issues.filter((i) => i.severity === "error");
    throw new ApiError(
      422,
      "IMPORT_FAILED",
      `${fileName} no se importó: el plan tiene ${blocking.length} ${blocking.length === 1 ? "error" : "errores"}. No se guardó nada.`,
      blocking.map((i) => ({
        message: i.location
          ? `${fileName}: ${i.location}: ${i.message}`
          : `${fileName}: ${i.message}`,
        path: i.path,
      })),
    );
  }
  return { plan: read.plan, warnings: issues };
}

export function planUpdateRoutes(
  db: Database,
  now: () => Date,
  formatOf: (contentType: string | undefined) => PlanFileFormat,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      api.updatePlanFromFile.path,
      contractRoute(api.updatePlanFromFile, planResource(db)),
      async (request) => {
        const meta = await getPlanMeta(db, request.params.id);
        const current = meta ? await getPlan(db, meta.id) : null;
        if (!meta || !current) {
          throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${request.params.id}.`);
        }
        const format = formatOf(request.headers["content-type"]);
        const fileName = request.query.fileName ?? `plan.${format}`;
        const dryRun = request.query.dryRun === "true";
        // Checked before reading the file: a stale editor learns it at once.
        const expected = dryRun ? null : expectedVersion(request);
        const { plan, warnings } = await readImportedPlan(request.body, fileName, format);
        if (plan.code !== current.code) {
          throw new ApiError(
            422,
            "PLAN_CODE_MISMATCH",
            `${fileName} es la matriz del plan ${plan.code}, no del plan ${current.code}. No se guardó nada.`,
            [{ field: "code", message: `El código del plan en el archivo es ${plan.code}.` }],
          );
        }
        const { id: _id, ...stored } = current;
        const changes = diffPlans(stored, plan);
        const action = planUpdateActionOf(meta.status, changes);
        const answer = { action, planId: meta.id, changes, warnings };
        if (dryRun || action === "sin cambios") return { ...answer, version: meta.version };
        if (expected === null) throw new Error("If-Match leído antes de guardar");
        const version = await saveUpdate(
          request,
          request.query,
          meta,
          plan,
          expected,
          action,
          changes,
        );
        return { ...answer, version };
      },
    );

    async function saveUpdate(
      request: FastifyRequest,
      reprogramacion: { justification?: string; actReference?: string; effectiveFrom?: string },
      meta: PlanMeta,
      plan: Plan,
      expected: number,
      action: Exclude<PlanUpdateAction, "crear" | "sin cambios">,
      changes: readonly PlanChange[],
    ): Promise<number> {
      const author = { userId: request.user?.id ?? null, actorEmail: request.user?.email ?? null };
      let version: VersionMeta = { kind: "edicion", ...author };
      if (action === "reprogramar") {
        if (!can(request.actor, "plan.reprogram", request.resource)) {
          throw new ApiError(
            403,
            "FORBIDDEN",
            "El plan está en vigencia y la matriz cambia su programación: su cuenta no puede reprogramarlo.",
          );
        }
        const { justification, actReference, effectiveFrom } = reprogramacion;
        if (justification === undefined || actReference === undefined) {
          throw new ApiError(
            409,
            "REPROGRAMACION_REQUIRED",
            "El plan está en vigencia y la matriz cambia metas, totales o ponderaciones: se guarda como reprogramación, con justificación y acta.",
            { changes: programmingChanges(changes) },
          );
        }
        version = {
          kind: "reprogramacion",
          ...author,
          justification,
          actReference,
          effectiveFrom: effectiveFrom ?? bogotaDate(now()),
        };
      }
      try {
        return await replacePlan(db, meta.id, plan, expected, version, now());
      } catch (error) {
        if (error instanceof VersionConflictError) {
          const [base, latest] = await Promise.all([
            getPlanVersion(db, meta.id, error.expectedVersion),
            getPlan(db, meta.id),
          ]);
          throw new ApiError(409, error.code, error.message, {
            currentVersion: error.currentVersion,
            changes: base && latest ? diffPlans(base, latest) : [],
          });
        }
        if (error instanceof PlanCodeTakenError) {
          throw new ApiError(409, error.code, error.message);
        }
        throw error;
      }
    }
  };
}

function expectedVersion(request: FastifyRequest): number {
  const header = request.headers["if-match"];
  if (typeof header !== "string" || header === "") {
    throw new ApiError(
      428,
      "IF_MATCH_REQUIRED",
      'Falta el encabezado If-Match con la versión que revisó (p. ej. "v3").',
    );
  }
  const m = header.match(/^(?:W\/)?"v(\d+)"$/);
  if (!m?.[1]) {
    throw new ApiError(
      400,
      "IF_MATCH_INVALID",
      `If-Match no válido: ${header} (se espera "v<versión>").`,
    );
  }
  return Number(m[1]);
}
