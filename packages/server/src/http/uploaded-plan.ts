/**
 * An uploaded plan file (xlsx, csv or json), read in the file worker so the
 * event loop never parses it: the import of a new plan and the update of a
 * stored one from its matriz take the same path. Any format problem or
 * blocking error rejects the file with every problem placed in it (bounded);
 * warnings travel with the answer.
 */
import { hasBlockingErrors, PLAN_FILE_CONTENT_TYPES, type Plan } from "@rumbo/core";
import { checkPlanFileOffThread, PlanFileTooComplexError } from "../files/plan-file-worker-pool.ts";
import type { LocatedIssue, PlanFileFormat } from "../files/plan-files.ts";
import { boundProblems, omittedProblemsText, UPLOAD_LIMITS } from "../files/upload-limits.ts";
import { ApiError } from "./api-error.ts";

export type UploadedPlan = {
  plan: Plan;
  /** At most UPLOAD_LIMITS.maxProblems; `omittedWarnings` counts the rest. */
  warnings: LocatedIssue[];
  omittedWarnings?: number;
};

export async function readUploadedPlan(
  bytes: unknown,
  fileName: string,
  format: PlanFileFormat,
): Promise<UploadedPlan> {
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
  const { maxProblems } = UPLOAD_LIMITS;
  if (issues.length <= maxProblems) return { plan: read.plan, warnings: issues };
  return {
    plan: read.plan,
    warnings: issues.slice(0, maxProblems),
    omittedWarnings: issues.length - maxProblems,
  };
}

/** The format an upload's content type names; anything else is 415. */
export function uploadFormatOf(contentType: string | undefined): PlanFileFormat {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === PLAN_FILE_CONTENT_TYPES.xlsx) return "xlsx";
  if (type === PLAN_FILE_CONTENT_TYPES.csv) return "csv";
  if (type === PLAN_FILE_CONTENT_TYPES.json || type === "text/plain") return "json";
  throw new ApiError(
    415,
    "UNSUPPORTED_FILE",
    "Envíe un archivo .xlsx, .csv o .json con su tipo de contenido.",
  );
}

/** The problems listed, and one last line counting those left out. */
function withOmitted(
  details: { message: string; path?: string }[],
  omitted: number,
): { message: string; path?: string }[] {
  return omitted > 0 ? [...details, { message: omittedProblemsText(omitted) }] : details;
}
