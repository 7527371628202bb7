/**
 * `importReports`: the bulk load of reportes de avance from a CSV or XLSX
 * (docs/formats-extensions.md, «Carga masiva de reportes»). The body is the
 * file's own bytes, as in the import of a plan (this plugin is registered
 * inside plan-files-routes.ts and shares its parsers and size limit); the
 * worker thread reads it, and report-import-service.ts saves every row in
 * one transaction through the form's rules and audit — or nothing.
 */
import { api } from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import {
  PlanFileTooComplexError,
  readReportFileOffThread,
} from "../../files/plan-file-worker-pool.ts";
import type { ReportFileFormat } from "../../files/report-file.ts";
import { omittedProblemsText } from "../../files/upload-limits.ts";
import { importReports } from "../../seguimiento/report-import-service.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { planResource } from "./plans-routes.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function reportImportRoutes(db: Database, now: () => Date): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      api.importReports.path,
      // The service audits each version it writes, in its transaction: a dry run writes none.
      selfAudited(contractRoute(api.importReports, planResource(db))),
      async (request, reply) => {
        const format = reportFormatOf(request.headers["content-type"]);
        const fileName = request.query.fileName ?? `reportes.${format}`;
        const bytes = request.body;
        if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
          throw new ApiError(400, "EMPTY_FILE", "El archivo está vacío.");
        }
        const read = await readReportFileOffThread(bytes, fileName, format).catch((error) => {
          if (error instanceof PlanFileTooComplexError)
            throw new ApiError(413, error.code, error.message);
          throw error;
        });
        if (!read.ok) {
          const total = read.problems.length + read.omitted;
          throw new ApiError(
            422,
            "IMPORT_FAILED",
            `${fileName} no se cargó: ${total.toLocaleString("es-CO")} ${total === 1 ? "problema" : "problemas"}. No se guardó nada.`,
            [
              ...read.problems.map((message) => ({ message })),
              ...(read.omitted > 0 ? [{ message: omittedProblemsText(read.omitted) }] : []),
            ],
          );
        }
        const user = request.user;
        const result = await importReports(db, {
          planId: request.params.id,
          rows: read.rows,
          fileName,
          actor: { userId: user?.id ?? null, email: user?.email ?? null },
          source: "carga-masiva",
          now: now(),
          ip: request.ip,
          dryRun: request.query.dryRun === "true",
          submit: request.query.submit === "true",
        });
        return reply.status(200).send(result);
      },
    );
  };
}

function selfAudited<T extends { config: object }>(options: T): T {
  return { ...options, config: { ...options.config, auditsItself: true } };
}

function reportFormatOf(contentType: string | undefined): ReportFileFormat {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === XLSX) return "xlsx";
  if (type === "text/csv" || type === "text/plain") return "csv";
  throw new ApiError(
    415,
    "UNSUPPORTED_FILE",
    "Envíe los reportes como archivo .xlsx o .csv, con su tipo de contenido.",
  );
}
