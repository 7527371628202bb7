/**
 * `rumbo plan import ARCHIVO [--dry-run]`: a new plan from a matriz de
 * formulación (.xlsx, flat .csv) or a rumbo.plan/v1 (.json). All or nothing:
 * any format problem or validation error (validatePlanRules, severity
 * "error") rejects the file, every problem is listed on stderr (one line each,
 * naming the file, sheet, row and column), the exit status is 2 and nothing
 * is stored. Warnings are printed and do not block. A plan code already
 * stored is an error unless --update asks to update that plan from the file
 * (plan-update-command.ts: the changes, then an edit or a reprogramación).
 */
import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { hasBlockingErrors, type Plan } from "@rumbo/core";
import { writeAudit } from "../audit/audit-repository.ts";
import { databaseConfigOf, loadConfig } from "../config.ts";
import { openDatabase } from "../db/open-database.ts";
import {
  checkPlanFile,
  type LocatedIssue,
  PLAN_FILE_FORMATS,
  planFileFormatOf,
} from "../files/plan-files.ts";
import { boundProblems, omittedProblemsText } from "../files/upload-limits.ts";
import { findPlanIdByCode, PlanCodeTakenError, savePlan } from "../plans/plans-repository.ts";
import { type CliIo, readInputFile } from "./cli-io.ts";
import { type ReprogramOptions, updatePlanFromFile } from "./plan-update-command.ts";

export const PLAN_IMPORT_USAGE =
  "Uso: rumbo plan import ARCHIVO.xlsx|.csv|.json [--dry-run] [--update [--justification TEXTO --act ACTA [--effective-from AAAA-MM-DD]]]";

type ImportArgs = { file: string; dryRun: boolean; update: boolean; reprogram: ReprogramOptions };

export async function planImportCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  let parsed: ImportArgs;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr(`rumbo: ${(error as Error).message}\n${PLAN_IMPORT_USAGE}\n`);
    return 2;
  }
  const { file, dryRun } = parsed;
  const format = planFileFormatOf(file);
  if (format === null) {
    io.stderr(
      `rumbo: no se reconoce el formato de ${file}: la extensión debe ser ${PLAN_FILE_FORMATS.map((f) => `.${f}`).join(", ")}.\n`,
    );
    return 2;
  }
  const bytes = await readInputFile(io, file, (path) => readFile(path));
  if (bytes === null) return 2;
  const read = await checkPlanFile(bytes, file, format);
  if (!read.ok) return reject(io, file, read.problems, read.omitted);
  const plan = read.plan;
  const issues = read.issues;
  const line = (issue: LocatedIssue) => {
    const where = issue.location;
    const prefix = issue.severity === "warning" ? "advertencia: " : "";
    return `${file}: ${where ? `${where}: ` : ""}${prefix}${issue.message}`;
  };
  const warnings = issues.filter((issue) => issue.severity === "warning");
  printWarnings(io, warnings.map(line));
  if (hasBlockingErrors(issues)) {
    const { shown, omitted } = boundProblems(
      issues.filter((issue) => issue.severity === "error").map(line),
    );
    return reject(io, file, shown, omitted);
  }

  const database = await openDatabase(databaseConfigOf(loadConfig(env)));
  try {
    const existing = await findPlanIdByCode(database.db, plan.code);
    const summary = `${plan.objectives.length} objetivos, ${countIndicators(plan)} indicadores; ${warnings.length} ${warnings.length === 1 ? "advertencia" : "advertencias"}`;
    if (existing !== null && parsed.update) {
      return await updatePlanFromFile(
        database.db,
        io,
        { file, planId: existing, plan, dryRun, summary },
        parsed.reprogram,
      );
    }
    if (existing !== null) {
      io.stderr(
        `rumbo: Ya existe un plan con el código ${plan.code} (id ${existing}): para actualizarlo desde ${file} use --update (con --dry-run, ve los cambios sin guardar). No se modificó nada.\n`,
      );
      return 2;
    }
    if (parsed.update) {
      io.stderr(
        `rumbo: no hay un plan con el código ${plan.code} que actualizar: sin --update se crea. No se modificó nada.\n`,
      );
      return 2;
    }
    if (dryRun) {
      io.stdout(`${file}: plan ${plan.code} válido (${summary}); prueba: no se guardó nada.\n`);
      return 0;
    }
    const actor = `cli:${userInfo().username}`;
    let id: number;
    try {
      id = await savePlan(database.db, plan, {
        version: { kind: "importacion", actorEmail: actor },
      });
    } catch (error) {
      if (error instanceof PlanCodeTakenError) {
        io.stderr(`rumbo: ${error.message} No se modificó nada.\n`);
        return 2;
      }
      throw error;
    }
    await writeAudit(database.db, {
      userId: null,
      actorEmail: actor,
      action: "plan-importado",
      resource: `plan ${id}`,
      outcome: "ok",
      ip: null,
      details: { code: plan.code, file: basename(file), format },
    });
    io.stdout(
      `${file}: plan ${plan.code} importado con id ${id} en ${database.description} (${summary}).\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

/** One line per problem, at most UPLOAD_LIMITS.maxProblems; the rest are counted. */
function reject(io: CliIo, file: string, problems: readonly string[], omitted: number): number {
  for (const problem of problems) io.stderr(`${problem}\n`);
  if (omitted > 0) io.stderr(`${omittedProblemsText(omitted)}\n`);
  const total = problems.length + omitted;
  io.stderr(
    `rumbo: ${file} no se importó (${total.toLocaleString("es-CO")} ${total === 1 ? "problema" : "problemas"}); no se modificó nada.\n`,
  );
  return 2;
}

function printWarnings(io: CliIo, lines: readonly string[]): void {
  const { shown, omitted } = boundProblems(lines);
  for (const warning of shown) io.stderr(`${warning}\n`);
  if (omitted > 0) io.stderr(`${omittedProblemsText(omitted, "advertencias")}\n`);
}

function countIndicators(plan: Plan): number {
  return plan.objectives.reduce((n, objective) => n + objective.indicators.length, 0);
}

function parse(args: string[]): ImportArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      update: { type: "boolean", default: false },
      justification: { type: "string" },
      act: { type: "string" },
      "effective-from": { type: "string" },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0)
    throw new Error("indique un único archivo a importar.");
  const reprogram = {
    justification: values.justification,
    act: values.act,
    effectiveFrom: values["effective-from"],
  };
  if (!values.update && Object.values(reprogram).some((v) => v !== undefined)) {
    throw new Error("--justification, --act y --effective-from solo van con --update.");
  }
  return { file, dryRun: values["dry-run"], update: values.update, reprogram };
}
