/**
 * The plan as a file (Ley 1712 de 2014: open formats): download the
 * matriz de formulación (.xlsx), its flat .csv or the rumbo.plan/v1 .json, and
 * import any of them. Import is all or nothing: any problem rejects the whole
 * file, lists every problem with sheet, row and column, and stores nothing.
 */
import { api, PLAN_FILE_CONTENT_TYPES as CONTENT_TYPES } from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import { writePlanFile } from "../../files/plan-files.ts";
import { getPlanState, getPlanVersion } from "../../plans/plan-revisions.ts";
import {
  findPlanIdByCode,
  getPlan,
  PlanCodeTakenError,
  savePlan,
} from "../../plans/plans-repository.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { readUploadedPlan, uploadFormatOf } from "../uploaded-plan.ts";
import { planUpdateRoutes } from "./plan-update-routes.ts";
import { planResource } from "./plans-routes.ts";
import { reportImportRoutes } from "./report-import-routes.ts";

// A 5,000-indicator workbook is about 1 MB; leave room for bigger sectors.
// What the file may hold once unzipped or parsed is bounded too (upload-limits.ts).
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
        const { id } = request.params;
        const { format, version } = request.query;
        const [state, plan] = await Promise.all([getPlanState(db, id), getPlan(db, id)]);
        if (!state || !plan) throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${id}.`);
        // An earlier version's page downloads the version it shows, named so.
        const earlier = version !== undefined && version !== state.version;
        const document = earlier ? await getPlanVersion(db, id, version) : withoutId(plan);
        if (!document) {
          throw new ApiError(
            404,
            "VERSION_NOT_FOUND",
            `El plan ${id} no tiene versión ${version}.`,
          );
        }
        const bytes = await writePlanFile(document, format);
        const suffix = earlier ? `-v${version}` : "";
        const fileName = `${plan.code.replace(/[^A-Za-z0-9._-]+/g, "_")}${suffix}.${format}`;
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
      const format = uploadFormatOf(request.headers["content-type"]);
      const fileName = request.query.fileName ?? `plan.${format}`;
      const read = await readUploadedPlan(request.body, fileName, format);
      const { warnings, omittedWarnings } = read;
      // The exported, unchanged matriz of a stored plan is valid but not new:
      // say so, with the plan to update, before anyone tries to import it.
      const existing = await findPlanIdByCode(db, read.plan.code);
      if (existing !== null) throw planExists(read.plan.code, existing);
      if (request.query.dryRun === "true")
        return reply
          .status(200)
          .send({ valid: true as const, action: "crear" as const, warnings, omittedWarnings });
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
          const taken = await findPlanIdByCode(db, read.plan.code);
          if (taken !== null) throw planExists(read.plan.code, taken);
          throw new ApiError(409, error.code, `${error.message} No se modificó nada.`, [
            { field: "code", message: error.message },
          ]);
        }
        throw error;
      }
    });

    // Child routes share this plugin's parsers and limits for uploaded files.
    await app.register(planUpdateRoutes(db, now));
    await app.register(reportImportRoutes(db, now));
  };
}

function withoutId<T extends { id: number }>(stored: T): Omit<T, "id"> {
  const { id: _id, ...document } = stored;
  return document;
}

function planExists(code: string, planId: number): ApiError {
  return new ApiError(
    409,
    "PLAN_EXISTS",
    `El plan ${code} ya existe (id ${planId}): use «Actualizar desde la matriz» en la página del plan para ver los cambios y guardarlos. No se guardó nada.`,
    { planId, code },
  );
}
