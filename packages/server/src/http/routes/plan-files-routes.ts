/**
 * The plan as a file (issue 6; Ley 1712 de 2014: open formats): download the
 * matriz de formulación (.xlsx), its flat .csv or the rumbo.plan/v1 .json, and
 * import any of them. Import is all or nothing: any problem rejects the whole
 * file, lists every problem with sheet, row and column, and stores nothing.
 */
import { api, hasBlockingErrors, PLAN_FILE_CONTENT_TYPES, validatePlanRules } from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import { type PlanFileFormat, readPlanFile, writePlanFile } from "../../files/plan-files.ts";
import { getPlan, PlanCodeTakenError, savePlan } from "../../plans/plans-repository.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { planResource } from "./plans-routes.ts";

const CONTENT_TYPES = PLAN_FILE_CONTENT_TYPES;

// A 5,000-indicator workbook is about 1 MB; leave room for bigger sectors.
const IMPORT_LIMIT = 25 * 1024 * 1024;

export function planFilesRoutes(db: Database, now: () => Date): FastifyPluginAsyncZod {
  return async (app) => {
    // Uploads arrive as the file's own bytes; JSON is read as text too, so the
    // plan reader (not a generic parser) reports its problems with JSON paths.
    app.removeContentTypeParser(["application/json", "text/plain"]);
    app.addContentTypeParser(
      [CONTENT_TYPES.xlsx, CONTENT_TYPES.csv, "application/json", "text/plain"],
      { parseAs: "buffer", bodyLimit: IMPORT_LIMIT },
      (_request, body, done) => done(null, body),
    );

    app.get(
      api.exportPlan.path,
      contractRoute(api.exportPlan, planResource(db)),
      async (request, reply) => {
        const plan = await getPlan(db, request.params.id);
        if (!plan)
          throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${request.params.id}.`);
        const { id: _id, ...document } = plan;
        const format = request.query.format;
        const bytes = await writePlanFile(document, format);
        const fileName = `${plan.code.replace(/[^A-Za-z0-9._-]+/g, "_")}.${format}`;
        return reply
          .header(
            "content-type",
            format === "xlsx" ? CONTENT_TYPES.xlsx : `${CONTENT_TYPES[format]}; charset=utf-8`,
          )
          .header("content-disposition", `attachment; filename="${fileName}"`)
          .send(bytes);
      },
    );

    app.post(api.importPlan.path, contractRoute(api.importPlan), async (request, reply) => {
      const format = formatOf(request.headers["content-type"]);
      const fileName = request.query.fileName ?? `plan.${format}`;
      const bytes = request.body;
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
      const warnings = issues;
      if (request.query.dryRun === "true")
        return reply.status(200).send({ valid: true as const, warnings });
      try {
        const id = await savePlan(db, read.plan, {
          at: now(),
          version: {
            kind: "importacion",
            userId: request.user?.id ?? null,
            actorEmail: request.user?.email ?? null,
          },
        });
        return reply.status(201).send({ id, version: 1, warnings });
      } catch (error) {
        if (error instanceof PlanCodeTakenError) {
          throw new ApiError(409, error.code, `${error.message} No se modificó nada.`, [
            { field: "code", message: error.message },
          ]);
        }
        throw error;
      }
    });
  };
}

function formatOf(contentType: string | undefined): PlanFileFormat {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === CONTENT_TYPES.xlsx) return "xlsx";
  if (type === "text/csv") return "csv";
  if (type === "application/json" || type === "text/plain") return "json";
  throw new ApiError(
    415,
    "UNSUPPORTED_FILE",
    "Envíe un archivo .xlsx, .csv o .json con su tipo de contenido.",
  );
}
