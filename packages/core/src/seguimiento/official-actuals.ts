/**
 * The values a compliance answer uses, from the reports that count (ADR 0015):
 * one value per indicator and period, the areas' shares combined by the
 * ficha's rule, and only what the plan the answer is computed against can
 * take (formats.md §2): an indicator of that plan, a period inside its years,
 * one kind of period per indicator and year. The same list feeds the engine
 * and the actuals export, so `rumbo compute` on the export gives the same
 * numbers.
 */
import type { ActualValue } from "../formats/actuals-csv.ts";
import { formatPeriod, type Period, parsePeriod } from "../formats/period.ts";
import type { Frequency, Indicator, Plan } from "../plan/plan.ts";
import { type AreaShare, combineAreaShares } from "./area-shares.ts";
import { indicatorShareRule } from "./reporting-areas.ts";

/** One report that counts: its latest version known at the instant asked. */
export type ReportedValue = {
  indicator: string;
  period: string;
  /** '' for the whole indicator; an area's name for its share. */
  area: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
};

const KIND_RANK: Record<Period["kind"], number> = { year: 0, quarter: 1, month: 2 };
const FREQUENCY_KIND: Record<Frequency, Period["kind"]> = {
  anual: "year",
  trimestral: "quarter",
  mensual: "month",
};

/**
 * `rows` in any order. The answer keeps the plan's order of indicators and,
 * inside one indicator, the order of `rows` (byte order of periods from the
 * reader). A whole-indicator report ('' area) is the indicator's value even
 * when areas also reported shares. Where one year holds reports of two kinds
 * of period (the frecuencia changed), the kind of the ficha's frecuencia
 * counts, else the coarsest (a year row wins, as in formats.md §3.1).
 */
export function officialActuals(plan: Plan, rows: readonly ReportedValue[]): ActualValue[] {
  const indicators = new Map<string, { indicator: Indicator; position: number }>();
  let position = 0;
  for (const objective of plan.objectives) {
    for (const indicator of objective.indicators) {
      indicators.set(indicator.code, { indicator, position: position++ });
    }
  }
  const years = new Set(plan.years);
  type Slot = { position: number; order: number; period: Period; text: string };
  const whole = new Map<string, Slot & { value: number }>();
  const shares = new Map<string, Slot & { shares: AreaShare[]; indicator: Indicator }>();
  rows.forEach((row, order) => {
    const found = indicators.get(row.indicator);
    const period = parsePeriod(row.period);
    if (!found || !period || !years.has(period.year)) return;
    const text = formatPeriod(period);
    const key = `${row.indicator}\u0000${text}`;
    const slot = { position: found.position, order, period, text };
    if (row.area === "") {
      if (row.value !== null && Number.isFinite(row.value) && !whole.has(key))
        whole.set(key, { ...slot, value: row.value });
      return;
    }
    const ratio = found.indicator.measure === "razon";
    if (!ratio && (row.value === null || !Number.isFinite(row.value))) return;
    const share: AreaShare = {
      area: row.area,
      value: row.value ?? 0,
      numerator: row.numerator,
      denominator: row.denominator,
    };
    const entry = shares.get(key);
    if (entry) entry.shares.push(share);
    else shares.set(key, { ...slot, shares: [share], indicator: found.indicator });
  });
  const values: (Slot & { indicator: string; value: number })[] = [];
  for (const [key, slot] of whole) values.push({ ...slot, indicator: keyCode(key) });
  for (const [key, entry] of shares) {
    if (whole.has(key)) continue;
    const combined = combineAreaShares(indicatorShareRule(entry.indicator), entry.shares, []).value;
    if (combined !== null && Number.isFinite(combined))
      values.push({ ...entry, indicator: keyCode(key), value: combined });
  }
  // One kind of period per indicator and year (formats.md §2).
  const kindOf = new Map<string, Period["kind"]>();
  for (const v of values) {
    const cell = `${v.indicator}\u0000${v.period.year}`;
    const frequency = indicators.get(v.indicator)?.indicator.frequency;
    const preferred = frequency ? FREQUENCY_KIND[frequency] : undefined;
    const current = kindOf.get(cell);
    if (
      current === undefined ||
      (current !== preferred &&
        (v.period.kind === preferred || KIND_RANK[v.period.kind] < KIND_RANK[current]))
    )
      kindOf.set(cell, v.period.kind);
  }
  return values
    .filter((v) => kindOf.get(`${v.indicator}\u0000${v.period.year}`) === v.period.kind)
    .sort((a, b) => a.position - b.position || a.order - b.order)
    .map((v) => ({ indicator: v.indicator, period: v.text, value: v.value }));
}

function keyCode(key: string): string {
  return key.slice(0, key.indexOf("\u0000"));
}
