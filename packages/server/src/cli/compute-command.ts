/**
 * `rumbo compute` and `rumbo explain` (formats.md §3–4): read a plan and its
 * actuals, run the compliance engine, print `rumbo.result/v1` or a Spanish
 * explanation. Bad input → exit status 2, nothing on stdout, one line per
 * problem on stderr, every problem at once (formats.md §4).
 */
import { parseArgs } from "node:util";
import {
  type ActualRow,
  type CellAt,
  ComplianceInputError,
  type ComplianceOptions,
  createEngine,
  type ExplainTarget,
  explainCell,
  formatProblem,
  type Plan,
  type PlanOutline,
  type Problem,
  parseAsOf,
  parseCap,
  parseMissing,
  readActualsCsv,
  readPlanJson,
} from "@rumbo/core/compute";
import { boundProblemLine } from "../files/problem-lines.ts";
import type { CliIo } from "./cli-io.ts";

const INPUT_OPTIONS = {
  plan: { type: "string" },
  actuals: { type: "string" },
  "as-of": { type: "string" },
  missing: { type: "string" },
  cap: { type: "string" },
} as const;

const EXPLAIN_OPTIONS = {
  ...INPUT_OPTIONS,
  objective: { type: "string" },
  indicator: { type: "string" },
  "plan-total": { type: "boolean" },
  year: { type: "string" },
  period: { type: "boolean" },
} as const;

type InputValues = {
  plan?: string;
  actuals?: string;
  "as-of"?: string;
  missing?: string;
  cap?: string;
};
type Inputs = { plan: Plan; actuals: ActualRow[]; options: ComplianceOptions };

function printProblems(io: CliIo, problems: readonly Problem[]): number {
  // Every problem (formats.md §4), each quoting at most an excerpt of what it read.
  for (const problem of problems) io.stderr(`${boundProblemLine(formatProblem(problem))}\n`);
  return 2;
}

/** node:util reports unknown options in English; the user reads Spanish. */
function parse<T>(command: string, read: () => T, io: CliIo): T | null {
  try {
    return read();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`rumbo ${command}: argumentos no válidos: ${detail}\n`);
    return null;
  }
}

async function readText(io: CliIo, path: string, problems: Problem[]): Promise<string | null> {
  try {
    return await io.readFile(path);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : String(error);
    problems.push({ source: path, message: `no se pudo leer el archivo (${code})` });
    return null;
  }
}

/** Reads options, plan and actuals, collecting every problem before giving up. */
async function loadInputs(
  values: InputValues,
  io: CliIo,
  problems: Problem[],
): Promise<Inputs | null> {
  const asOf = parseAsOf(values["as-of"], "--as-of");
  const missing = parseMissing(values.missing, "--missing");
  const cap = parseCap(values.cap, "--cap");
  for (const parsed of [asOf, missing, cap]) if (!parsed.ok) problems.push(parsed.problem);
  let plan: Plan | null = null;
  let outline: PlanOutline | null = null;
  if (values.plan === undefined) {
    problems.push({ source: "--plan", message: "falta el archivo del plan (--plan PLAN.json)" });
  } else {
    const text = await readText(io, values.plan, problems);
    if (text !== null) {
      const read = readPlanJson(text, values.plan);
      if (read.ok) plan = read.plan;
      else {
        problems.push(...read.problems);
        outline = read.outline ?? null;
      }
    }
  }
  let actuals: ActualRow[] = [];
  if (values.actuals !== undefined) {
    const text = await readText(io, values.actuals, problems);
    if (text !== null) {
      // With a broken plan the file is still checked against the plan's years
      // and codes that could be read (formats.md §4: every problem is reported).
      const read = readActualsCsv(text, values.actuals, plan ?? outline);
      if (read.ok) actuals = read.actuals;
      else problems.push(...read.problems);
    }
  }
  if (plan === null || !asOf.ok || !missing.ok || !cap.ok || problems.length > 0) return null;
  return { plan, actuals, options: { asOf: asOf.value, missing: missing.value, cap: cap.value } };
}

function runEngine(inputs: Inputs) {
  const engine = createEngine(inputs.plan, inputs.options);
  engine.setActuals(inputs.actuals);
  // The rows are in the engine now; let them go before the result is built.
  inputs.actuals = [];
  return engine;
}

export async function computeCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parse(
    "compute",
    () => parseArgs({ args, options: INPUT_OPTIONS, strict: true }),
    io,
  );
  if (parsed === null) return 2;
  const problems: Problem[] = [];
  const inputs = await loadInputs(parsed.values, io, problems);
  if (inputs === null) return printProblems(io, problems);
  try {
    // Streamed: a 100,000-indicator result is never one object or one string.
    runEngine(inputs).writeResultJson(io.stdout);
  } catch (error) {
    if (error instanceof ComplianceInputError) return printProblems(io, error.problems);
    throw error;
  }
  return 0;
}

type ExplainValues = InputValues & {
  objective?: string;
  indicator?: string;
  "plan-total"?: boolean;
  year?: string;
  period?: boolean;
};

/** What to explain: `--objective`, `--indicator`, or the plan (`--plan-total` or nothing). */
function explainTarget(
  values: ExplainValues,
  plan: Plan | null,
  problems: Problem[],
): ExplainTarget | null {
  const chosen = [values.objective, values.indicator, values["plan-total"] ? "" : undefined].filter(
    (value) => value !== undefined,
  );
  if (chosen.length > 1) {
    problems.push({
      source: "--objective",
      message: "indique solo uno: --objective, --indicator o --plan-total",
    });
    return null;
  }
  if (values.objective !== undefined) {
    const code = values.objective;
    if (plan !== null && !plan.objectives.some((objective) => objective.code === code)) {
      problems.push({
        source: "--objective",
        message: `objetivo desconocido "${code}": no está en el plan`,
      });
      return null;
    }
    return { level: "objective", code };
  }
  if (values.indicator !== undefined) {
    const code = values.indicator;
    const known = plan?.objectives.some((objective) =>
      objective.indicators.some((item) => item.code === code),
    );
    if (plan !== null && !known) {
      problems.push({
        source: "--indicator",
        message: `indicador desconocido "${code}": no está en el plan`,
      });
      return null;
    }
    return { level: "indicator", code };
  }
  return { level: "plan" };
}

/** `--year AAAA` (a plan year) or `--period` (the cuatrienio), exactly one. */
function explainAt(values: ExplainValues, plan: Plan | null, problems: Problem[]): CellAt | null {
  if (values.period === true && values.year !== undefined) {
    problems.push({ source: "--year", message: "indique --year AAAA o --period, no ambos" });
    return null;
  }
  if (values.period === true) return "period";
  if (values.year === undefined) {
    problems.push({
      source: "--year",
      message: "indique --year AAAA (una vigencia) o --period (el cuatrienio)",
    });
    return null;
  }
  const year = Number(values.year);
  if (!/^\d{4}$/.test(values.year) || (plan !== null && !plan.years.includes(year))) {
    const years = plan === null ? "" : ` (${plan.years.join(", ")})`;
    problems.push({
      source: "--year",
      message: `año "${values.year}" no es una vigencia del plan${years}`,
    });
    return null;
  }
  return year;
}

export async function explainCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parse(
    "explain",
    () => parseArgs({ args, options: EXPLAIN_OPTIONS, strict: true }),
    io,
  );
  if (parsed === null) return 2;
  const problems: Problem[] = [];
  const inputs = await loadInputs(parsed.values, io, problems);
  const target = explainTarget(parsed.values, inputs?.plan ?? null, problems);
  const at = explainAt(parsed.values, inputs?.plan ?? null, problems);
  if (inputs === null || target === null || at === null || problems.length > 0) {
    return printProblems(io, problems);
  }
  try {
    const result = runEngine(inputs).result();
    io.stdout(explainCell({ plan: inputs.plan, result, options: inputs.options }, target, at));
  } catch (error) {
    if (error instanceof ComplianceInputError) return printProblems(io, error.problems);
    throw error;
  }
  return 0;
}
