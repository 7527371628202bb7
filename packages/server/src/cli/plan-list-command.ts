/**
 * `rumbo plan list`: the plans stored in the configured database (PGlite in
 * RUMBO_DATA_DIR or DATABASE_URL), one line each.
 */
import { databaseConfigOf, loadConfig } from "../config.ts";
import { openDatabase } from "../db/open-database.ts";
import { listPlans, type PlanSummary } from "../plans/plans-repository.ts";
import type { CliIo } from "./cli-io.ts";

export const PLAN_LIST_USAGE = "Uso: rumbo plan list";

const NAME_WIDTH = 60;

export async function planListCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  if (args.length > 0) {
    io.stderr(`rumbo: plan list no recibe argumentos («${args.join(" ")}»).\n${PLAN_LIST_USAGE}\n`);
    return 2;
  }
  const database = await openDatabase(databaseConfigOf(loadConfig(env)));
  try {
    const plans = await listPlans(database.db);
    if (plans.length === 0) {
      io.stdout(`No hay planes en ${database.description}.\n`);
      return 0;
    }
    io.stdout(planTable(plans));
    return 0;
  } finally {
    await database.close();
  }
}

/** An aligned text table; numbers to the right, long names cut with "…". */
export function planTable(plans: readonly PlanSummary[]): string {
  const header = ["id", "código", "nombre", "vigencias", "objetivos", "indicadores", "publicado"];
  const numeric = [true, false, false, false, true, true, false];
  const rows = plans.map((plan) => [
    String(plan.id),
    plan.code,
    cut(plan.name.replace(/\s+/g, " "), NAME_WIDTH),
    vigencias(plan.years),
    String(plan.objectiveCount),
    String(plan.indicatorCount),
    plan.published ? "sí" : "no",
  ]);
  const widths = header.map((title, c) =>
    Math.max(title.length, ...rows.map((row) => (row[c] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}

function vigencias(years: readonly number[]): string {
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) return "—";
  return first === last ? String(first) : `${first}–${last}`;
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
