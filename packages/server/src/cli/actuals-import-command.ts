/**
 * `rumbo actuals import PLAN_CODE FILE.csv|.xlsx --as CORREO [--dry-run] [--submit]`:
 * the bulk load of reportes de avance from the command line — the same path
 * as the API's importReports (report-import-service.ts): one transaction,
 * every row through the form's rules, versions with origen «cli» and their
 * audit entries in the name of the account it acts as. That account must be
 * active and allowed to import on the plan (core's `can`, as the API checks
 * it): nothing the command line writes escapes the audit.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type Actor, can } from "@rumbo/core";
import { databaseConfigOf, loadConfig } from "../config.ts";
import { openDatabase } from "../db/open-database.ts";
import { type ReportFileFormat, readReportFile } from "../files/report-file.ts";
import { omittedProblemsText } from "../files/upload-limits.ts";
import { findPlanIdByCode, getPlanAccess } from "../plans/plans-repository.ts";
import { importReports } from "../seguimiento/report-import-service.ts";
import { SeguimientoRefusal } from "../seguimiento/report-store.ts";
import { findUserByEmail, getUser } from "../users/users-repository.ts";
import { type CliIo, readInputFile } from "./cli-io.ts";

export const ACTUALS_IMPORT_USAGE =
  "Uso: rumbo actuals import CÓDIGO_PLAN AVANCES.csv|.xlsx --as CORREO [--dry-run] [--submit]";

export async function actualsImportCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  now: () => Date = () => new Date(),
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
  const email = parsed.values.as?.trim();
  if (!email) {
    io.stderr(
      `rumbo: indique con --as el correo de la cuenta en cuyo nombre se cargan los avances (queda en la historia y la auditoría).\n${ACTUALS_IMPORT_USAGE}\n`,
    );
    return 2;
  }
  const format: ReportFileFormat | null = /\.xlsx$/i.test(file)
    ? "xlsx"
    : /\.(csv|txt)$/i.test(file)
      ? "csv"
      : null;
  if (format === null) {
    io.stderr(`rumbo: ${file}: use un archivo .csv o .xlsx.\n${ACTUALS_IMPORT_USAGE}\n`);
    return 2;
  }
  const bytes = await readInputFile(io, file, (path) => readFile(path));
  if (bytes === null) return 2;
  const database = await openDatabase(databaseConfigOf(loadConfig(env)));
  try {
    const planId = await findPlanIdByCode(database.db, planCode);
    const access = planId === null ? null : await getPlanAccess(database.db, planId);
    if (planId === null || access === null) {
      io.stderr(`rumbo: no existe un plan con el código ${planCode} en ${database.description}.\n`);
      return 2;
    }
    const found = await findUserByEmail(database.db, email);
    const user = found ? await getUser(database.db, found.id) : null;
    if (!user?.active) {
      io.stderr(
        `rumbo: no hay una cuenta activa con el correo ${email} en ${database.description}.\n`,
      );
      return 2;
    }
    const actor: Actor = {
      kind: "user",
      userId: user.id,
      area: user.area,
      assignments: user.assignments,
    };
    if (!can(actor, "actuals.import", { kind: "plan", planId, published: access.published })) {
      io.stderr(
        `rumbo: la cuenta ${user.email} no puede cargar avances en el plan ${planCode} (hace falta planeación o administración del plan).\n`,
      );
      return 2;
    }
    const read = await readReportFile(bytes, file, format);
    if (!read.ok) return rejected(io, file, read.problems, read.omitted);
    const dryRun = parsed.values["dry-run"] ?? false;
    try {
      const result = await importReports(database.db, {
        planId,
        rows: read.rows,
        fileName: file,
        actor: { userId: user.id, email: user.email },
        source: "cli",
        now: now(),
        dryRun,
        submit: parsed.values.submit ?? false,
      });
      const counts = `${result.created} nuevos, ${result.updated} actualizados, ${result.unchanged} sin cambios`;
      io.stdout(
        dryRun
          ? `${file}: ${result.rows.length} reportes válidos para el plan ${planCode} (${counts}); prueba: no se guardó nada.\n`
          : `${file}: ${result.rows.length} reportes cargados en el plan ${planCode} a nombre de ${user.email} (${counts}).\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof SeguimientoRefusal)) throw error;
      if (error.code !== "IMPORT_FAILED") {
        io.stderr(`rumbo: ${error.message}\n`);
        return 2;
      }
      const details = Array.isArray(error.details) ? error.details : [];
      return rejected(
        io,
        file,
        details.map((d: { message: string }) => d.message),
        0,
        error.message,
      );
    }
  } finally {
    await database.close();
  }
}

function rejected(
  io: CliIo,
  file: string,
  problems: readonly string[],
  omitted: number,
  summary?: string,
): number {
  for (const problem of problems) io.stderr(`${problem}\n`);
  if (omitted > 0) io.stderr(`${omittedProblemsText(omitted)}\n`);
  if (summary) {
    io.stderr(`rumbo: ${summary}\n`);
    return 2;
  }
  const total = problems.length + omitted;
  io.stderr(
    `rumbo: ${file} no se cargó (${total.toLocaleString("es-CO")} ${total === 1 ? "problema" : "problemas"}); no se guardó nada.\n`,
  );
  return 2;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      submit: { type: "boolean", default: false },
    },
  });
}
