/**
 * What the weights editor shows while the person types: per vigencia, the sum
 * of the weights as written and each indicator's share once the weights are
 * renormalised over the indicators programmed that year (methodology.md §6:
 * meta 78 is NP in 2024, so objective 3 is measured by meta 2320 alone that year). This
 * is a preview of the plan being written, not a compliance figure: those come
 * from the API. The same for the objectives' weights in the plan. The sums and
 * shares are core's (weightShares), with core's tolerance for "adds up to 100".
 */
import {
  effectiveTotal,
  type Indicator,
  isProgrammed,
  type WeightEntry,
  type WeightShare,
  weightShares,
} from "@rumbo/core";
import { decimalOrNull, parseDecimalInput } from "./decimal-input.ts";
import type { IndicatorDraft, ObjectiveDraft, WeightDraft } from "./plan-draft.ts";

/** A column of the editor: one vigencia, or the whole plan period. */
export type WeightColumnKey = string | "total";

/** Percent points as typed (null when empty or not a number), and its share (core's weightShares). */
export type WeightCell = WeightShare;

export type WeightColumn = {
  key: WeightColumnKey;
  cells: WeightCell[];
  /** Σ of the weights as written, programmed or not. */
  sumPct: number;
  sumIsHundred: boolean;
  /** Σ of the weights of the programmed indicators: the base of the shares. */
  programmedSumPct: number;
};

function targetsOf(draft: IndicatorDraft, years: readonly number[]): Indicator["targets"] {
  return Object.fromEntries(
    years.map((year) => [String(year), decimalOrNull(draft.targets[String(year)] ?? "")]),
  );
}

/** The programación of the draft as the plan rules read it (core decides NP and the period total). */
function previewIndicator(draft: IndicatorDraft, years: readonly number[]): Indicator {
  const total = parseDecimalInput(draft.total);
  return {
    code: draft.code,
    name: draft.name,
    trend: draft.trend,
    weight: 0,
    targets: targetsOf(draft, years),
    ...(total.kind === "number" ? { total: total.value } : {}),
  };
}

function programmedInYear(draft: IndicatorDraft, year: number): boolean {
  return isProgrammed(decimalOrNull(draft.targets[String(year)] ?? ""), draft.trend);
}

function programmedInPeriod(draft: IndicatorDraft, years: readonly number[]): boolean {
  return effectiveTotal(previewIndicator(draft, years), years) !== null;
}

function periodWeight(draft: WeightDraft, years: readonly number[]): number | null {
  const typed = parseDecimalInput(draft.weightTotal);
  if (typed.kind === "number") return typed.value;
  if (typed.kind === "invalid" || years.length === 0) return null;
  // formats.md §1: a missing total is the mean of the yearly weights.
  let sum = 0;
  for (const year of years) {
    const weight = decimalOrNull(draft.weights[String(year)] ?? "");
    if (weight === null) return null;
    sum += weight;
  }
  return sum / years.length;
}

function column(key: WeightColumnKey, entries: WeightEntry[]): WeightColumn {
  const { shares, ...sums } = weightShares(entries);
  return { key, ...sums, cells: shares };
}

/** One column per vigencia, then the plan period ("total"). */
export function weightColumns(
  indicators: readonly IndicatorDraft[],
  years: readonly number[],
): WeightColumn[] {
  const yearColumns = years.map((year) =>
    column(
      String(year),
      indicators.map((draft) => ({
        weightPct: decimalOrNull(draft.weights[String(year)] ?? ""),
        programmed: programmedInYear(draft, year),
      })),
    ),
  );
  const periodColumn = column(
    "total",
    indicators.map((draft) => ({
      weightPct: periodWeight(draft, years),
      programmed: programmedInPeriod(draft, years),
    })),
  );
  return [...yearColumns, periodColumn];
}

/**
 * The objectives' weights in the plan, one column per vigencia and the
 * period: formats.md §3.7 rolls the plan up over the objectives measured that
 * year, so an objective with no programmed indicator (NP) takes no share.
 */
export function objectiveWeightColumns(
  objectives: readonly ObjectiveDraft[],
  years: readonly number[],
): WeightColumn[] {
  const yearColumns = years.map((year) =>
    column(
      String(year),
      objectives.map((objective) => ({
        weightPct: decimalOrNull(objective.weights[String(year)] ?? ""),
        programmed: objective.indicators.some((draft) => programmedInYear(draft, year)),
      })),
    ),
  );
  const periodColumn = column(
    "total",
    objectives.map((objective) => ({
      weightPct: periodWeight(objective, years),
      programmed: objective.indicators.some((draft) => programmedInPeriod(draft, years)),
    })),
  );
  return [...yearColumns, periodColumn];
}

/** The period total the plan rules would compute when the total is left empty. */
export function computedTotal(draft: IndicatorDraft, years: readonly number[]): number | null {
  return effectiveTotal(previewIndicator({ ...draft, total: "" }, years), years);
}
