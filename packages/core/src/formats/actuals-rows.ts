/**
 * Row checks of the actuals file that look beyond one row (formats.md §2):
 * the indicator is in the plan, the period is in the plan's years, the same
 * period does not repeat, and one indicator-year does not mix annual,
 * quarterly and monthly rows. With a plan the bookkeeping uses typed arrays
 * indexed by indicator and year (1.6 million rows); without one, maps.
 */
import type { Plan } from "../plan/plan.ts";
import { formatPeriod, PERIOD_KIND_LABEL, type Period, type PeriodKind } from "./period.ts";

type At = (line: number, message: string) => void;

/**
 * What the row checks can still use of a plan file that had problems: its
 * years when they were valid and the codes of its indicators when every one
 * could be read (`null` otherwise), so an actuals row outside the plan's years
 * is reported next to the plan's bad weight (formats.md §4).
 */
export type PlanOutline = {
  years: readonly number[] | null;
  indicatorCodes: ReadonlySet<string> | null;
};

export type RowChecker = {
  /** Reports the row's problems; `true` when indicator and period are fine. */
  check(
    indicator: string,
    periodText: string,
    period: Period | null,
    line: number,
    at: At,
  ): boolean;
  canonical(period: Period): string;
};

const KINDS: readonly PeriodKind[] = ["year", "quarter", "month"];
/** Slot of a period inside its year: 0 year, 1–4 quarters, 5–16 months. */
const SLOTS = 17;

function slotOf(period: Period): number {
  if (period.kind === "year") return 0;
  return period.kind === "quarter" ? period.index : 4 + period.index;
}

export function createRowChecker(plan: Plan | PlanOutline | null): RowChecker {
  // Readers parse each period spelling once and pass the same object for every
  // row: the canonical text is kept per object, found without building a key.
  const byObject = new WeakMap<Period, string>();
  const canonicals = new Map<string, string>();
  const canonical = (period: Period) => {
    let text = byObject.get(period);
    if (text !== undefined) return text;
    const key = `${period.kind}${period.year}-${period.index}`;
    text = canonicals.get(key);
    if (text === undefined) {
      text = formatPeriod(period);
      canonicals.set(key, text);
    }
    byObject.set(period, text);
    return text;
  };
  const store =
    plan === null
      ? mapStore({ years: null, indicatorCodes: null })
      : "objectives" in plan
        ? planStore(plan)
        : mapStore(plan);
  return {
    canonical,
    check(indicator, periodText, period, line, at) {
      let ok = true;
      let key: Key | null = null;
      if (indicator === "") {
        at(line, "falta el código del indicador");
        ok = false;
      } else {
        key = store.indicatorKey(indicator);
        if (key === null) {
          at(line, `indicador desconocido "${indicator}": no está en el plan`);
          ok = false;
        }
      }
      if (period === null) {
        at(line, `periodo mal formado "${periodText}" (se espera AAAA, AAAA-Qn o AAAA-MM)`);
        return false;
      }
      if (!store.hasYear(period.year)) {
        at(line, `el periodo ${periodText} está fuera de los años del plan (${store.yearRange})`);
        return false;
      }
      if (key === null) return ok;
      const first = store.firstLine(key, period, line);
      if (first === null) return ok;
      if (first.samePeriod !== 0) {
        at(
          line,
          `el periodo ${canonical(period)} del indicador ${indicator} está repetido (ya en la línea ${first.samePeriod})`,
        );
        ok = false;
      }
      if (first.otherKind !== null) {
        // formats.md §2: one indicator-year is annual, or quarterly, or monthly.
        at(
          line,
          `el indicador ${indicator} mezcla periodos en ${period.year}: ${canonical(period)} es ${PERIOD_KIND_LABEL[period.kind]} y la línea ${first.otherKind.line} es ${PERIOD_KIND_LABEL[first.otherKind.kind]}`,
        );
        ok = false;
      }
      return ok;
    },
  };
}

type FirstLines = { samePeriod: number; otherKind: { kind: PeriodKind; line: number } | null };
/** No conflict: `null`, so the common row allocates nothing. */
type Conflicts = FirstLines | null;

/** The indicator's index in the plan, or its code when there is no plan. */
type Key = number | string;

type Store = {
  yearRange: string;
  indicatorKey(indicator: string): Key | null;
  hasYear(year: number): boolean;
  /** Records the row and returns the earlier lines it conflicts with (0 = none), `null` when none. */
  firstLine(key: Key, period: Period, line: number): Conflicts;
};

function planStore(plan: Plan): Store {
  const years = plan.years.length;
  const firstYear = plan.years[0] ?? 0;
  const index = new Map<string, number>();
  for (const objective of plan.objectives) {
    for (const indicator of objective.indicators) index.set(indicator.code, index.size);
  }
  const slotLines = new Int32Array(index.size * years * SLOTS);
  const yearLines = new Int32Array(index.size * years);
  const yearKinds = new Uint8Array(index.size * years);
  return {
    yearRange: `${plan.years[0]}–${plan.years[years - 1]}`,
    indicatorKey: (indicator) => index.get(indicator) ?? null,
    hasYear: (year) => year >= firstYear && year < firstYear + years,
    firstLine(key, period, line) {
      const i = typeof key === "number" ? key : 0;
      const cell = i * years + (period.year - firstYear);
      const slot = cell * SLOTS + slotOf(period);
      const samePeriod = slotLines[slot] ?? 0;
      if (samePeriod === 0) slotLines[slot] = line;
      const kind = period.kind === "year" ? 1 : period.kind === "quarter" ? 2 : 3;
      const firstKind = yearKinds[cell] ?? 0;
      if (firstKind === 0) {
        yearKinds[cell] = kind;
        yearLines[cell] = line;
        return samePeriod === 0 ? null : { samePeriod, otherKind: null };
      }
      if (firstKind === kind && samePeriod === 0) return null;
      const otherKind =
        firstKind === kind
          ? null
          : { kind: KINDS[firstKind - 1] ?? "year", line: yearLines[cell] ?? 0 };
      return { samePeriod, otherKind };
    },
  };
}

function mapStore({ years, indicatorCodes }: PlanOutline): Store {
  const periods = new Map<string, number>();
  const kinds = new Map<string, { kind: PeriodKind; line: number }>();
  const yearSet = years === null ? null : new Set(years);
  return {
    yearRange: years === null ? "" : `${years[0]}–${years[years.length - 1]}`,
    indicatorKey: (indicator) =>
      indicatorCodes === null || indicatorCodes.has(indicator) ? indicator : null,
    hasYear: (year) => yearSet === null || yearSet.has(year),
    firstLine(indicator, period, line) {
      const periodKey = `${indicator}\u0000${formatPeriod(period)}`;
      const samePeriod = periods.get(periodKey) ?? 0;
      if (samePeriod === 0) periods.set(periodKey, line);
      const yearKey = `${indicator}\u0000${period.year}`;
      const first = kinds.get(yearKey);
      if (first === undefined) {
        kinds.set(yearKey, { kind: period.kind, line });
        return { samePeriod, otherKind: null };
      }
      return { samePeriod, otherKind: first.kind === period.kind ? null : first };
    },
  };
}
