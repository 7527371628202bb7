/**
 * The compliance engine (formats.md §3): compile a plan once, load the
 * actuals, read any cell or the whole `rumbo.result/v1`, and update one value
 * at a time recomputing only the indicator → objective → plan path.
 */
import type { ActualValue } from "../formats/actuals-csv.ts";
import { parseAsOf } from "../formats/options.ts";
import { parsePeriod } from "../formats/period.ts";
import { isValidatedPlan, validatePlan } from "../formats/plan-json.ts";
import type { Problem } from "../formats/problem.ts";
import { type ResultSource, writeResultJson } from "../formats/result-json.ts";
import type { Plan } from "../plan/plan.ts";
import { type CompiledPlan, compilePlan } from "./compiled-plan.ts";
import { recomputeAll, recomputePath } from "./engine-rollup.ts";
import {
  ANNUAL,
  createState,
  type EngineState,
  MONTHLY,
  NONE,
  QUARTERLY,
  SLOTS,
} from "./engine-state.ts";
import {
  indicatorPeriodCell,
  indicatorYearCell,
  objectivePeriodCell,
  objectiveYearCell,
  planPeriodCell,
  planYearCell,
} from "./result-cells.ts";
import {
  type CellTarget,
  type ComplianceOptions,
  type ComplianceResult,
  DEFAULT_OPTIONS,
  type IndicatorPeriodCell,
  type IndicatorResult,
  type IndicatorYearCell,
  type ObjectiveResult,
  RESULT_FORMAT,
  type RollupPeriodCell,
  type RollupYearCell,
} from "./types.ts";

/** A vigencia (e.g. 2024) or the whole plan period. */
export type CellAt = number | "period";

/** Invalid plan, options or actuals given to the engine; `problems` lists them all. */
export class ComplianceInputError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map((problem) => problem.message).join("; "));
    this.name = "ComplianceInputError";
    this.problems = problems;
  }
}

export type ComplianceEngine = {
  readonly plan: Plan;
  readonly options: ComplianceOptions;
  /** Replaces every actual and recomputes everything; on error the engine keeps no actuals. */
  setActuals(actuals: readonly ActualValue[]): void;
  /** Sets (or, with `null`, removes) one reported value and recomputes its path. */
  updateValue(indicator: string, period: string, value: number | null): void;
  /**
   * Replaces every value of the given indicator-years (indicator code, vigencia)
   * by `actuals`, which must fall in those indicator-years, and recomputes their
   * paths: how a server applies the reports approved since its last answer
   * (one indicator-year's values depend on each other, formats.md §2). On error
   * the engine's values are left half-written: discard it.
   */
  replaceYears(cells: readonly IndicatorYear[], actuals: readonly ActualValue[]): void;
  /** Recomputes every cell from the values already loaded. */
  recompute(): void;
  /** A new engine of the same plan and values under other options (the plan is not compiled again). */
  fork(options: Partial<ComplianceOptions>): ComplianceEngine;
  /**
   * The whole result like `result()`, but shared: rebuilt only for the
   * indicators changed since the last call (their objectives and the plan),
   * reusing every other item of the previous answer. The answer is immutable:
   * callers must not change it, and a later update gives a new object.
   */
  currentResult(): ComplianceResult;
  indicatorCell(code: string, at: number): IndicatorYearCell;
  indicatorCell(code: string, at: "period"): IndicatorPeriodCell;
  objectiveCell(code: string, at: number): RollupYearCell;
  objectiveCell(code: string, at: "period"): RollupPeriodCell;
  planCell(at: number): RollupYearCell;
  planCell(at: "period"): RollupPeriodCell;
  /** Just the compliance of a cell (no contributions built): a cheap read after an update. */
  complianceOf(target: CellTarget, at: CellAt): number | null;
  result(): ComplianceResult;
  /** Writes the result as indented JSON without holding it whole in memory. */
  writeResultJson(write: (chunk: string) => void): void;
};

/** One indicator in one vigencia. */
export type IndicatorYear = { indicator: string; year: number };

const KIND_CODE = { year: ANNUAL, quarter: QUARTERLY, month: MONTHLY } as const;

export function createEngine(
  plan: Plan,
  options: Partial<ComplianceOptions> = {},
): ComplianceEngine {
  const settings: ComplianceOptions = { ...DEFAULT_OPTIONS, ...options };
  const problems = optionProblems(settings);
  if (!isValidatedPlan(plan)) {
    const checked = validatePlan(plan, "plan");
    if (!checked.ok) problems.push(...checked.problems);
  }
  if (problems.length > 0) throw new ComplianceInputError(problems);
  return engineOf(plan, settings, compilePlan(plan), null);
}

/** An engine on a compiled plan; with `from`, starting from that engine's values. */
function engineOf(
  plan: Plan,
  settings: ComplianceOptions,
  compiled: CompiledPlan,
  from: EngineState | null,
): ComplianceEngine {
  const state = createState(compiled, settings);
  if (from) {
    state.values.set(from.values);
    state.granularity.set(from.granularity);
    state.reportedCount.set(from.reportedCount);
  }
  recomputeAll(state);
  const lookupPeriod = createPeriodLookup(compiled);
  // currentResult(): the last answer and the indicators changed since (null: rebuild it all).
  let shared: ComplianceResult | null = null;
  let changed: Set<number> | null = null;
  const touched = (i: number) => {
    if (changed !== null) changed.add(i);
  };
  const invalidate = () => {
    shared = null;
    changed = null;
  };

  const yearIndex = (year: number): number => {
    const y = year - (compiled.years[0] ?? 0);
    if (!Number.isInteger(y) || y < 0 || y >= compiled.yearCount) {
      throw new RangeError(`el año ${year} no es una vigencia del plan`);
    }
    return y;
  };
  const indicatorIndex = (code: string): number => {
    const i = compiled.indicatorIndex.get(code);
    if (i === undefined) throw new RangeError(`indicador desconocido "${code}"`);
    return i;
  };
  const objectiveIndex = (code: string): number => {
    const o = compiled.objectiveIndex.get(code);
    if (o === undefined) throw new RangeError(`objetivo desconocido "${code}"`);
    return o;
  };

  function indicatorCell(code: string, at: number): IndicatorYearCell;
  function indicatorCell(code: string, at: "period"): IndicatorPeriodCell;
  function indicatorCell(code: string, at: CellAt): IndicatorYearCell | IndicatorPeriodCell {
    const i = indicatorIndex(code);
    return at === "period"
      ? indicatorPeriodCell(state, i)
      : indicatorYearCell(state, i, yearIndex(at));
  }
  function objectiveCell(code: string, at: number): RollupYearCell;
  function objectiveCell(code: string, at: "period"): RollupPeriodCell;
  function objectiveCell(code: string, at: CellAt): RollupYearCell | RollupPeriodCell {
    const o = objectiveIndex(code);
    return at === "period"
      ? objectivePeriodCell(state, o)
      : objectiveYearCell(state, o, yearIndex(at));
  }
  function planCell(at: number): RollupYearCell;
  function planCell(at: "period"): RollupPeriodCell;
  function planCell(at: CellAt): RollupYearCell | RollupPeriodCell {
    return at === "period" ? planPeriodCell(state) : planYearCell(state, yearIndex(at));
  }

  return {
    plan,
    options: settings,
    setActuals(actuals) {
      invalidate();
      state.values.fill(Number.NaN);
      state.granularity.fill(NONE);
      state.reportedCount.fill(0);
      const found: Problem[] = [];
      for (let row = 0; row < actuals.length; row++) {
        const actual = actuals[row];
        if (actual === undefined) continue;
        const stored = storeValue(
          state,
          lookupPeriod,
          actual.indicator,
          actual.period,
          actual.value,
          false,
        );
        if (typeof stored === "string")
          found.push({ source: "actuals", path: `[${row}]`, message: stored });
      }
      if (found.length > 0) {
        state.values.fill(Number.NaN);
        state.granularity.fill(NONE);
        state.reportedCount.fill(0);
        recomputeAll(state);
        throw new ComplianceInputError(found);
      }
      recomputeAll(state);
    },
    updateValue(indicator, period, value) {
      const stored = storeValue(state, lookupPeriod, indicator, period, value, true);
      if (typeof stored === "string") {
        throw new ComplianceInputError([{ source: "actuals", message: stored }]);
      }
      const years = compiled.yearCount;
      const i = Math.floor(stored / years);
      recomputePath(state, i, stored % years);
      touched(i);
    },
    replaceYears(cells, actuals) {
      const years = compiled.yearCount;
      const wanted = new Set<number>();
      for (const { indicator, year } of cells) {
        const cell = indicatorIndex(indicator) * years + yearIndex(year);
        wanted.add(cell);
        state.values.fill(Number.NaN, cell * SLOTS, (cell + 1) * SLOTS);
        state.granularity[cell] = NONE;
        state.reportedCount[cell] = 0;
      }
      const found: Problem[] = [];
      actuals.forEach((actual, row) => {
        const stored = storeValue(
          state,
          lookupPeriod,
          actual.indicator,
          actual.period,
          actual.value,
          false,
        );
        if (typeof stored === "string")
          found.push({ source: "actuals", path: `[${row}]`, message: stored });
        else if (!wanted.has(stored))
          found.push({
            source: "actuals",
            path: `[${row}]`,
            message: `el valor de ${actual.indicator} ${actual.period} no es de los años que se reemplazan`,
          });
      });
      for (const cell of wanted) {
        const i = Math.floor(cell / years);
        recomputePath(state, i, cell % years);
        touched(i);
      }
      if (found.length > 0) throw new ComplianceInputError(found);
    },
    recompute() {
      invalidate();
      recomputeAll(state);
    },
    fork(options) {
      const forked: ComplianceOptions = { ...DEFAULT_OPTIONS, ...options };
      const problems = optionProblems(forked);
      if (problems.length > 0) throw new ComplianceInputError(problems);
      return engineOf(plan, forked, compiled, state);
    },
    currentResult() {
      if (shared === null || changed === null) {
        shared = buildResult(state, settings);
      } else if (changed.size > 0) {
        const indicators = [...shared.indicators];
        const objectives = [...shared.objectives];
        const owners = new Set<number>();
        for (const i of changed) {
          indicators[i] = indicatorResult(state, i);
          owners.add(compiled.objectiveOf[i] ?? 0);
        }
        for (const o of owners) objectives[o] = objectiveResult(state, o);
        shared = { ...resultHead(state, settings), objectives, indicators };
      }
      changed = new Set();
      return shared;
    },
    indicatorCell,
    objectiveCell,
    planCell,
    complianceOf(target, at) {
      const y = at === "period" ? -1 : yearIndex(at);
      let value: number | undefined;
      if (target.level === "plan") value = y < 0 ? state.planPeriod[0] : state.planCompliance[y];
      else if (target.level === "objective") {
        const o = objectiveIndex(target.code);
        value =
          y < 0
            ? state.objectivePeriodCompliance[o]
            : state.objectiveCompliance[o * compiled.yearCount + y];
      } else {
        const i = indicatorIndex(target.code);
        value = y < 0 ? state.periodCompliance[i] : state.compliance[i * compiled.yearCount + y];
      }
      return value === undefined || Number.isNaN(value) ? null : value;
    },
    result() {
      return buildResult(state, settings);
    },
    writeResultJson(write) {
      writeResultJson(resultSource(state, settings), write);
    },
  };
}

function optionProblems(options: ComplianceOptions): Problem[] {
  const problems: Problem[] = [];
  // The options object's own field names: it may come from the CLI or the API.
  const asOf = parseAsOf(options.asOf, "asOf");
  if (!asOf.ok) problems.push(asOf.problem);
  if (options.missing !== "zero" && options.missing !== "exclude") {
    problems.push({
      source: "missing",
      message: `valor desconocido "${String(options.missing)}"`,
    });
  }
  if (options.cap !== null && !(Number.isFinite(options.cap) && options.cap > 0)) {
    problems.push({
      source: "cap",
      message: `el tope debe ser un número mayor que 0 o null, no ${options.cap}`,
    });
  }
  return problems;
}

type PeriodSlot = { y: number; kind: number; slot: number };
type PeriodLookup = (period: string) => PeriodSlot | string;

/** Period strings repeat a lot (16 in a quarterly plan of 4 years): parse each once. */
function createPeriodLookup(compiled: CompiledPlan): PeriodLookup {
  const periods = new Map<string, PeriodSlot | string>();
  const firstYear = compiled.years[0] ?? 0;
  return (period) => {
    let found = periods.get(period);
    if (found === undefined) {
      const parsed = parsePeriod(period);
      const y = parsed === null ? -1 : parsed.year - firstYear;
      if (parsed === null)
        found = `periodo mal formado "${period}" (se espera AAAA, AAAA-Qn o AAAA-MM)`;
      else if (y < 0 || y >= compiled.yearCount)
        found = `el periodo ${period} está fuera de los años del plan`;
      else found = { y, kind: KIND_CODE[parsed.kind], slot: Math.max(parsed.index - 1, 0) };
      periods.set(period, found);
    }
    return found;
  };
}

/**
 * Writes one value; returns its indicator-year cell (i × years + y), or a
 * Spanish message when it breaks formats.md §2. No allocation on success:
 * the incremental path must not wake the garbage collector.
 */
function storeValue(
  state: EngineState,
  lookupPeriod: PeriodLookup,
  indicator: string,
  period: string,
  value: number | null,
  replace: boolean,
): number | string {
  const i = state.compiled.indicatorIndex.get(indicator);
  if (i === undefined) return `indicador desconocido "${indicator}": no está en el plan`;
  const found = lookupPeriod(period);
  if (typeof found === "string") return found;
  if (value !== null && !Number.isFinite(value))
    return `valor no numérico para ${indicator} ${period}`;
  const cell = i * state.compiled.yearCount + found.y;
  const index = cell * SLOTS + found.slot;
  const current = state.granularity[cell] ?? NONE;
  const reported = state.values[index] ?? Number.NaN;
  const sameKind = current === found.kind;
  if (value === null) {
    if (sameKind && !Number.isNaN(reported)) {
      state.values[index] = Number.NaN;
      const left = (state.reportedCount[cell] ?? 1) - 1;
      state.reportedCount[cell] = left;
      if (left === 0) state.granularity[cell] = NONE;
    }
    return cell;
  }
  if (current !== NONE && !sameKind) {
    return `el indicador ${indicator} mezcla periodos anuales, trimestrales o mensuales en ${period.slice(0, 4)}`;
  }
  if (!Number.isNaN(reported)) {
    if (!replace) return `el periodo ${period} del indicador ${indicator} está repetido`;
  } else {
    state.reportedCount[cell] = (state.reportedCount[cell] ?? 0) + 1;
  }
  state.granularity[cell] = found.kind;
  state.values[index] = value;
  return cell;
}

function objectiveResult(state: EngineState, o: number): ObjectiveResult {
  const { years, yearCount, objectiveCodes } = state.compiled;
  const cells: Record<string, RollupYearCell> = {};
  for (let y = 0; y < yearCount; y++) cells[years[y] ?? 0] = objectiveYearCell(state, o, y);
  return { code: objectiveCodes[o] ?? "", years: cells, period: objectivePeriodCell(state, o) };
}

function indicatorResult(state: EngineState, i: number): IndicatorResult {
  const { years, yearCount, indicatorCodes, objectiveCodes, objectiveOf } = state.compiled;
  const cells: Record<string, IndicatorYearCell> = {};
  for (let y = 0; y < yearCount; y++) cells[years[y] ?? 0] = indicatorYearCell(state, i, y);
  return {
    code: indicatorCodes[i] ?? "",
    objective: objectiveCodes[objectiveOf[i] ?? 0] ?? "",
    years: cells,
    period: indicatorPeriodCell(state, i),
  };
}

function resultHead(
  state: EngineState,
  options: ComplianceOptions,
): Pick<ComplianceResult, "format" | "asOf" | "plan"> {
  const planYears: Record<string, RollupYearCell> = {};
  state.compiled.years.forEach((year, y) => {
    planYears[year] = planYearCell(state, y);
  });
  return {
    format: RESULT_FORMAT,
    asOf: options.asOf,
    plan: { code: state.compiled.plan.code, years: planYears, period: planPeriodCell(state) },
  };
}

function buildResult(state: EngineState, options: ComplianceOptions): ComplianceResult {
  const { objectiveCount, indicatorCount } = state.compiled;
  const objectives: ObjectiveResult[] = [];
  for (let o = 0; o < objectiveCount; o++) objectives.push(objectiveResult(state, o));
  const indicators: IndicatorResult[] = [];
  for (let i = 0; i < indicatorCount; i++) indicators.push(indicatorResult(state, i));
  return { ...resultHead(state, options), objectives, indicators };
}

/** The result as a source that builds each item while it is written. */
function resultSource(state: EngineState, options: ComplianceOptions): ResultSource {
  return {
    ...resultHead(state, options),
    objectiveCount: state.compiled.objectiveCount,
    objective: (o) => objectiveResult(state, o),
    indicatorCount: state.compiled.indicatorCount,
    indicator: (i) => indicatorResult(state, i),
  };
}
