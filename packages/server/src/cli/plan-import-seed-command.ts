/**
 * `rumbo plan import-seed FILE [--json] [--db]`: reads a plan document as
 * delivered, prints its data-quality warnings on stderr, and prints the plan
 * as rumbo.plan/v1 (--json) and/or stores it in the configured database (--db).
 */
import { parseArgs } from "node:util";
import { importSeedDocument } from "@rumbo/core";
import { databaseConfigOf, loadConfig } from "../config.ts";
import { openDatabase } from "../db/open-database.ts";
import { PlanCodeTakenError, savePlan } from "../plans/plans-repository.ts";
import { type CliIo, readInputFile } from "./cli-io.ts";

export const IMPORT_SEED_USAGE = "Uso: rumbo plan import-seed ARCHIVO [--json] [--db]";

export async function importSeedCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr(`rumbo: ${(error as Error).message}\n${IMPORT_SEED_USAGE}\n`);
    return 2;
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) {
    io.stderr(`rumbo: indique un único archivo a importar.\n${IMPORT_SEED_USAGE}\n`);
    return 2;
  }
  const text = await readInputFile(io, file, io.readFile);
  if (text === null) return 2;
  const result = importSeedDocument(text);
  for (const w of result.warnings) io.stderr(`${file}:${w.line}: advertencia: ${w.message}\n`);
  if (!result.plan) {
    for (const e of result.errors) io.stderr(`${file}:${e.line}: error: ${e.message}\n`);
    io.stderr(
      `rumbo: ${file} no se importó (${result.errors.length} ${result.errors.length === 1 ? "error" : "errores"}).\n`,
    );
    return 2;
  }
  const plan = result.plan;
  const indicatorCount = plan.objectives.reduce((n, o) => n + o.indicators.length, 0);
  if (parsed.values.json) io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
  if (parsed.values.db) {
    const config = loadConfig(env);
    const database = await openDatabase(databaseConfigOf(config));
    try {
      const id = await savePlan(database.db, plan);
      io.stderr(`rumbo: plan ${plan.code} guardado con id ${id} en ${database.description}.\n`);
    } catch (error) {
      if (error instanceof PlanCodeTakenError) {
        io.stderr(`rumbo: ${error.message} No se modificó nada.\n`);
        return 2;
      }
      throw error;
    } finally {
      await database.close();
    }
  }
  if (!parsed.values.json) {
    io.stdout(
      `${plan.code}: ${plan.name}\n${plan.objectives.length} objetivos, ${indicatorCount} indicadores, vigencias ${plan.years.join(", ")}; ${result.warnings.length} advertencias.\n`,
    );
  }
  return 0;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, db: { type: "boolean", default: false } },
  });
}
