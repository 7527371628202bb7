/**
 * `rumbo plan export CÓDIGO --format xlsx|csv|json --out ARCHIVO`: a stored
 * plan as the matriz de formulación (.xlsx, flat .csv) or rumbo.plan/v1
 * (.json). Without --format, the extension of --out decides.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { Plan } from "@rumbo/core";
import { databaseConfigOf, loadConfig } from "../config.ts";
import { openDatabase } from "../db/open-database.ts";
import {
  isPlanFileFormat,
  PLAN_FILE_FORMATS,
  type PlanFileFormat,
  planFileFormatOf,
  writePlanFile,
} from "../files/plan-files.ts";
import { findPlanIdByCode, getPlan } from "../plans/plans-repository.ts";
import type { CliIo } from "./cli-io.ts";

export const PLAN_EXPORT_USAGE =
  "Uso: rumbo plan export CÓDIGO_PLAN --format xlsx|csv|json --out ARCHIVO";

export async function planExportCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  let code: string;
  let out: string;
  let format: PlanFileFormat;
  try {
    ({ code, out, format } = parse(args));
  } catch (error) {
    io.stderr(`rumbo: ${(error as Error).message}\n${PLAN_EXPORT_USAGE}\n`);
    return 2;
  }
  const database = await openDatabase(databaseConfigOf(loadConfig(env)));
  let plan: Plan | null;
  try {
    const id = await findPlanIdByCode(database.db, code);
    const stored = id === null ? null : await getPlan(database.db, id);
    if (stored === null) {
      io.stderr(`rumbo: no existe un plan con el código ${code} en ${database.description}.\n`);
      return 2;
    }
    // The database id is not part of rumbo.plan/v1.
    const { id: _id, ...rest } = stored;
    plan = rest;
  } finally {
    await database.close();
  }
  const bytes = await writePlanFile(plan, format);
  try {
    await writeFile(out, bytes);
  } catch (error) {
    io.stderr(`rumbo: no se pudo escribir ${out}: ${(error as Error).message}\n`);
    return 1;
  }
  const indicators = plan.objectives.reduce((n, o) => n + o.indicators.length, 0);
  io.stdout(
    `${plan.code}: exportado a ${out} (${format}; ${plan.objectives.length} objetivos, ${indicators} indicadores).\n`,
  );
  return 0;
}

function parse(args: string[]): { code: string; out: string; format: PlanFileFormat } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: "string" }, out: { type: "string" } },
  });
  const [code, ...extra] = positionals;
  if (code === undefined || extra.length > 0) throw new Error("indique un único código de plan.");
  if (values.out === undefined || values.out === "") throw new Error("falta --out ARCHIVO.");
  const format = values.format ?? planFileFormatOf(values.out);
  if (format === null)
    throw new Error(
      `indique --format (${PLAN_FILE_FORMATS.join(", ")}) o un --out con esa extensión.`,
    );
  if (!isPlanFileFormat(format))
    throw new Error(`formato desconocido «${format}» (se espera ${PLAN_FILE_FORMATS.join(", ")}).`);
  return { code, out: values.out, format };
}
