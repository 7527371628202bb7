/**
 * A plan as a file, in the three formats Rumbo exchanges (Ley 1712 de 2014:
 * open formats): the matriz de formulación as .xlsx or flat .csv, and the
 * rumbo.plan/v1 .json. Reading gives the plan or every problem, each as one
 * line naming the file and the sheet/row/column (or the JSON path).
 */
import {
  describeProblem,
  formatMatrixProblem,
  type MatrixLocation,
  type MatrixReadResult,
  PLAN_FILE_FORMATS,
  type Plan,
  type PlanFileFormat,
  type PlanPointer,
  readPlanJson,
  type ValidationIssue,
  validatePlanRules,
} from "@rumbo/core";
import { readPlanCsv, writePlanCsv } from "./plan-csv.ts";
import { readPlanWorkbook, writePlanWorkbook } from "./plan-xlsx.ts";
import { decodeTextBytes } from "./text-bytes.ts";
import { boundProblemLine, boundProblems } from "./upload-limits.ts";

// The formats are part of the API contract (the export's ?format=).
export { PLAN_FILE_FORMATS, type PlanFileFormat };

export function isPlanFileFormat(value: string): value is PlanFileFormat {
  return PLAN_FILE_FORMATS.some((format) => format === value);
}

/** The format a file name's extension names, or null. */
export function planFileFormatOf(fileName: string): PlanFileFormat | null {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";
  return isPlanFileFormat(extension) ? extension : null;
}

export type PlanFileRead =
  | {
      ok: true;
      plan: Plan;
      /** "Indicadores, fila 7, columna «Programación 2025» (Q)" or a JSON path; null if unknown. */
      locate: (pointer: PlanPointer) => string | null;
    }
  /** At most UPLOAD_LIMITS.maxProblems problems, each line bounded; `omitted` counts the rest. */
  | { ok: false; problems: string[]; omitted: number };

/** The plan as the file's bytes (JSON: rumbo.plan/v1, indented). */
export async function writePlanFile(plan: Plan, format: PlanFileFormat): Promise<Buffer> {
  if (format === "xlsx") return writePlanWorkbook(plan);
  if (format === "csv") return Buffer.from(writePlanCsv(plan), "utf8");
  return Buffer.from(`${JSON.stringify(plan, null, 2)}\n`, "utf8");
}

export async function readPlanFile(
  bytes: Uint8Array,
  fileName: string,
  format: PlanFileFormat,
): Promise<PlanFileRead> {
  if (format === "json") {
    const read = readPlanJson(decodeTextBytes(bytes), fileName);
    if (!read.ok) {
      return failed(read.problems.map((problem) => `${fileName}: ${describeProblem(problem)}`));
    }
    return {
      ok: true,
      plan: read.plan,
      locate: (pointer) => (typeof pointer === "string" ? pointer : (pointer.path ?? null)),
    };
  }
  const read: MatrixReadResult =
    format === "xlsx" ? await readPlanWorkbook(bytes, fileName) : readPlanCsv(bytes, fileName);
  if (!read.ok) {
    return failed(read.problems.map((problem) => `${fileName}: ${formatMatrixProblem(problem)}`));
  }
  return {
    ok: true,
    plan: read.plan,
    locate: (pointer) => {
      const found = read.locate(pointer);
      const text = found === null ? "" : locationText(found);
      return text === "" ? null : text;
    },
  };
}

function failed(problems: readonly string[]): PlanFileRead {
  const { shown, omitted } = boundProblems(problems);
  return { ok: false, problems: shown, omitted };
}

/** A validation issue with the place in the file it points to, in the user's words. */
export type LocatedIssue = Pick<ValidationIssue, "code" | "severity" | "message" | "path"> & {
  location: string | null;
};

/**
 * Everything an import checks before it stores anything: the file (format,
 * limits, cells) and then the plan's rules, with each issue located in the
 * file. Plain data only, so a worker thread can answer it.
 */
export type PlanFileCheck =
  | { ok: false; problems: string[]; omitted: number }
  | { ok: true; plan: Plan; issues: LocatedIssue[] };

export async function checkPlanFile(
  bytes: Uint8Array,
  fileName: string,
  format: PlanFileFormat,
): Promise<PlanFileCheck> {
  const read = await readPlanFile(bytes, fileName, format);
  if (!read.ok) return read;
  const issues = validatePlanRules(read.plan).map((issue) => ({
    code: issue.code,
    severity: issue.severity,
    message: boundProblemLine(issue.message),
    path: issue.path,
    location: read.locate(issue),
  }));
  return { ok: true, plan: read.plan, issues };
}

function locationText(location: MatrixLocation): string {
  // The location part of formatMatrixProblem, without a message.
  return formatMatrixProblem({ ...location, message: "" }).replace(/: $/, "");
}
