/**
 * `rumbo actuals import PLAN_CODE FILE.csv [--dry-run]`: loads reported values
 * (formats.md §2) for a stored plan. All or nothing: any problem in the file
 * rejects it whole, lists every problem, and stores nothing.
 */
import { parseArgs } from "node:util";
import { formatProblem, readActualsCsv } from "@rumbo/core";
import { replaceActuals } from "../actuals/actuals-repository.ts";
import { databaseConfigOf, loadConfig } from "../config.ts";
import { openDatabase } from "../db/open-database.ts";
import { boundProblems, omittedProblemsText } from "../files/upload-limits.ts";
import { findPlanIdByCode, getPlan } from "../plans/plans-repository.ts";
import { type CliIo, readInputFile } from "./cli-io.ts";

export const ACTUALS_IMPORT_USAGE = "Uso: rumbo actuals import CÓDIGO_PLAN AVANCES.csv [--dry-run]";

export async function actualsImportCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr(`rumbo: ${(error as Error).message}\n${ACTUALS_IMPORT_USAGE}\n`);
    return 2;
  }
  const [planCode, file, ...extra] = parsed.positionals;
  if (!planCode || !file || extra.length > 0) {
    io.stderr(
      `rumbo: indique el código del plan y el archivo de avances.\n${ACTUALS_IMPORT_USAGE}\n`,
    );
    return 2;
  }
  const text = await readInputFile(io, file, io.readFile);
  if (text === null) return 2;
  const database = await openDatabase(databaseConfigOf(loadConfig(env)));
  try {
    const planId = await findPlanIdByCode(database.db, planCode);
    const plan = planId === null ? null : await getPlan(database.db, planId);
    if (planId === null || plan === null) {
      io.stderr(`rumbo: no existe un plan con el código ${planCode} en ${database.description}.\n`);
      return 2;
    }
    const read = readActualsCsv(text, file, plan);
    if (!read.ok) {
      // The first problems, each quoting at most an excerpt of its cell; the rest are counted.
      const { shown, omitted } = boundProblems(read.problems.map(formatProblem));
      for (const problem of shown) io.stderr(`${problem}\n`);
      if (omitted > 0) io.stderr(`${omittedProblemsText(omitted)}\n`);
      const total = read.problems.length;
      io.stderr(
        `rumbo: ${file} no se cargó (${total.toLocaleString("es-CO")} ${total === 1 ? "problema" : "problemas"}); no se modificó nada.\n`,
      );
      return 2;
    }
    if (parsed.values["dry-run"]) {
      io.stdout(
        `${file}: ${read.actuals.length} valores válidos para el plan ${planCode} (prueba: no se guardó nada).\n`,
      );
      return 0;
    }
    const stored = await replaceActuals(
      database.db,
      planId,
      read.actuals.map(({ indicator, period, value }) => ({ indicator, period, value })),
    );
    io.stdout(
      `${file}: ${stored} valores cargados en el plan ${planCode}; reemplazan los anteriores.\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { "dry-run": { type: "boolean", default: false } },
  });
}
