/**
 * The plan as a file (Ley 1712 de 2014: open formats): download the
 * matriz de formulación (.xlsx), its flat .csv or the rumbo.plan/v1 .json, and
 * import any of them. Import is all or nothing: any problem rejects the whole
 * file, lists every problem with sheet, row and column, and stores nothing.
 */
import { hasBlockingErrors } from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/open-database.ts";
import {
  checkPlanFileOffThread,
  PlanFileTooComplexError,
} from "../../files/plan-file-worker-pool.ts";
import {
  type LocatedIssue,
  PLAN_FILE_FORMATS,
  type PlanFileFormat,
  writePlanFile,
} from "../../files/plan-files.ts";
import { boundProblems, omittedProblemsText, UPLOAD_LIMITS } from "../../files/upload-limits.ts";
import { getPlan, PlanCodeTakenError, savePlan } from "../../plans/plans-repository.ts";
import { ApiError } from "../api-error.ts";
import { errorSchema } from "../error-schema.ts";
import { planIdParams, planResource } from "./plans-routes.ts";

const CONTENT_TYPES: Record<PlanFileFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
  json: "application/json",
};

// A 5,000-indicator workbook is about 1 MB; leave room for bigger sectors.
// What the file may hold once unzipped or parsed is bounded too (upload-limits.ts).
const IMPORT_LIMIT = 25 * 1024 * 1024;

const issueSchema = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  path: z.string(),
  location: z.string().nullable(),
});

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
      "/api/plans/:id/export",
      {
        config: { action: "plan.read", resource: planResource(db) },
        schema: {
          tags: ["formulación"],
          summary: "Descargar el plan: matriz de formulación (xlsx), CSV o rumbo.plan/v1 (json)",
          params: planIdParams,
          querystring: z.object({
            format: z.enum(PLAN_FILE_FORMATS, { error: "use xlsx, csv o json" }).default("xlsx"),
          }),
          response: {
            // The file's bytes (Fastify sends a Buffer as is, without serialising it).
            200: z.unknown().describe("El archivo"),
            400: errorSchema,
            401: errorSchema,
            403: errorSchema,
            404: errorSchema,
          },
        },
      },
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

    app.post(
      "/api/plans/import",
      {
        config: { action: "plan.create" },
        schema: {
          tags: ["formulación"],
          summary: "Importar un plan (xlsx, csv o json) — todo o nada; dryRun=true solo revisa",
          querystring: z.object({
            dryRun: z.enum(["true", "false"]).default("false"),
            fileName: z.string().max(255).optional(),
          }),
          response: {
            200: z.object({
              valid: z.literal(true),
              warnings: z.array(issueSchema),
              omittedWarnings: z.number().int().optional(),
            }),
            201: z.object({
              id: z.number().int(),
              version: z.number().int(),
              warnings: z.array(issueSchema),
              omittedWarnings: z.number().int().optional(),
            }),
            400: errorSchema,
            401: errorSchema,
            403: errorSchema,
            409: errorSchema,
            413: errorSchema,
            415: errorSchema,
            422: errorSchema,
          },
        },
      },
      async (request, reply) => {
        const format = formatOf(request.headers["content-type"]);
        const fileName = request.query.fileName ?? `plan.${format}`;
        const bytes = request.body;
        if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
          throw new ApiError(400, "EMPTY_FILE", "El archivo está vacío.");
        }
        const read = await checkPlanFileOffThread(bytes, fileName, format).catch((error) => {
          if (error instanceof PlanFileTooComplexError)
            throw new ApiError(413, error.code, error.message);
          throw error;
        });
        if (!read.ok) {
          const total = read.problems.length + read.omitted;
          throw new ApiError(
            422,
            "IMPORT_FAILED",
            `${fileName} no se importó: ${total.toLocaleString("es-CO")} ${total === 1 ? "problema" : "problemas"}. No se guardó nada.`,
            withOmitted(
              read.problems.map((message) => ({ message })),
              read.omitted,
            ),
          );
        }
        const issues = read.issues;
        if (hasBlockingErrors(issues)) {
          const blocking = issues.filter((i) => i.severity === "error");
          const lines = blocking.map((i) =>
            i.location ? `${fileName}: ${i.location}: ${i.message}` : `${fileName}: ${i.message}`,
          );
          const { shown, omitted } = boundProblems(lines);
          throw new ApiError(
            422,
            "IMPORT_FAILED",
            `${fileName} no se importó: el plan tiene ${blocking.length.toLocaleString("es-CO")} ${blocking.length === 1 ? "error" : "errores"}. No se guardó nada.`,
            withOmitted(
              shown.map((message, i) => ({ message, path: blocking[i]?.path ?? "" })),
              omitted,
            ),
          );
        }
        const { warnings, omittedWarnings } = boundWarnings(issues);
        if (request.query.dryRun === "true")
          return reply.status(200).send({ valid: true as const, warnings, omittedWarnings });
        try {
          const id = await savePlan(db, read.plan, {
            at: now(),
            version: {
              kind: "importacion",
              userId: request.user?.id ?? null,
              actorEmail: request.user?.email ?? null,
            },
          });
          return reply.status(201).send({ id, version: 1, warnings, omittedWarnings });
        } catch (error) {
          if (error instanceof PlanCodeTakenError) {
            throw new ApiError(409, error.code, `${error.message} No se modificó nada.`, [
              { field: "code", message: error.message },
            ]);
          }
          throw error;
        }
      },
    );
  };
}

/** The problems listed, and one last line counting those left out. */
function withOmitted(
  details: { message: string; path?: string }[],
  omitted: number,
): { message: string; path?: string }[] {
  return omitted > 0 ? [...details, { message: omittedProblemsText(omitted) }] : details;
}

/** At most UPLOAD_LIMITS.maxProblems warnings in an answer; the rest are counted. */
function boundWarnings(issues: LocatedIssue[]): {
  warnings: LocatedIssue[];
  omittedWarnings?: number;
} {
  const { maxProblems } = UPLOAD_LIMITS;
  if (issues.length <= maxProblems) return { warnings: issues };
  return { warnings: issues.slice(0, maxProblems), omittedWarnings: issues.length - maxProblems };
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
