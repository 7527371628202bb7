/**
 * The areas that report one indicator, as its ficha declares them
 * (`reportingAreas`, `areaRule`), read into what the report workflow and the
 * engine need: the list of areas with their weights, the rule that combines
 * their shares, and which area a report names.
 *
 * The ficha keeps the list as one text so every layer (JSON, matriz, CSV,
 * database, editor) carries it as written: names separated by «;», each with
 * an optional weight after «=» («Secretaría de Salud = 60; Educación = 40»).
 */
import { normalizeArea } from "../auth/scope.ts";
import type { Indicator } from "../plan/plan.ts";
import {
  type AreaShare,
  combineAreaShares,
  type LevelShareRule,
  type ShareRule,
} from "./area-shares.ts";
import { isPercentUnit } from "./report-value.ts";
import type { ReportStatus } from "./report-workflow.ts";

export type ReportingArea = { name: string; weight: number | null };

export type ReportingAreasReading = {
  areas: ReportingArea[];
  /** Spanish, without the indicator's name: the caller says where. */
  problems: string[];
};

const WEIGHT = /^(.*?)=\s*([0-9]+(?:[.,][0-9]+)?)\s*%?\s*$/;

/** The areas written in the ficha, in order, with what cannot be read. */
export function readReportingAreas(text: string | undefined): ReportingAreasReading {
  const areas: ReportingArea[] = [];
  const problems: string[] = [];
  if (text === undefined || text.trim() === "") return { areas, problems };
  const seen = new Set<string>();
  for (const part of text.split(";")) {
    const written = part.trim();
    if (written === "") continue;
    const weighted = WEIGHT.exec(written);
    const name = (weighted ? (weighted[1] ?? "") : written).replace(/\s+/g, " ").trim();
    if (!weighted && written.includes("=")) {
      problems.push(`«${written}» no tiene un peso que se entienda (escriba «Área = 40»).`);
      continue;
    }
    if (name === "") {
      problems.push(`«${written}» no nombra un área.`);
      continue;
    }
    const key = normalizeArea(name);
    if (seen.has(key)) {
      problems.push(`el área «${name}» aparece dos veces.`);
      continue;
    }
    seen.add(key);
    const weight = weighted ? Number((weighted[2] ?? "").replace(",", ".")) : null;
    areas.push({ name, weight });
  }
  return { areas, problems };
}

/** The names of the indicator's reporting areas (empty: one report for the whole indicator). */
export function reportingAreaNames(indicator: Pick<Indicator, "reportingAreas">): string[] {
  return readReportingAreas(indicator.reportingAreas).areas.map((a) => a.name);
}

/** How the indicator's shares combine (core's `combineAreaShares`), from its ficha. */
export function indicatorShareRule(
  indicator: Pick<Indicator, "trend" | "measure" | "unit" | "areaRule" | "reportingAreas">,
): ShareRule {
  const areas = readReportingAreas(indicator.reportingAreas).areas;
  return {
    trend: indicator.trend,
    ratio: indicator.measure === "razon",
    percent: isPercentUnit(indicator),
    levelRule: indicator.areaRule ?? "suma",
    weights: Object.fromEntries(areas.map((a) => [a.name, a.weight ?? 0])),
  };
}

export type ReportAreaCheck =
  | { ok: true; area: string }
  | { ok: false; message: string; areas: string[] };

/**
 * The area a report names, checked against the ficha: an indicator with
 * reporting areas is reported area by area, so the report must name one of
 * them (spelled as the ficha spells it); one without them is reported whole
 * (area '').
 */
export function checkReportArea(
  indicator: Pick<Indicator, "code" | "reportingAreas">,
  area: string,
): ReportAreaCheck {
  const names = reportingAreaNames(indicator);
  const asked = area.trim();
  if (names.length === 0) {
    if (asked === "") return { ok: true, area: "" };
    return {
      ok: false,
      areas: [],
      message: `El indicador ${indicator.code} no declara áreas que reporten: se reporta completo, sin área (se pidió «${asked}»).`,
    };
  }
  const list = names.map((n) => `«${n}»`).join(", ");
  if (asked === "") {
    return {
      ok: false,
      areas: names,
      message: `El indicador ${indicator.code} lo reportan varias áreas, cada una su parte: indique cuál (área): ${list}.`,
    };
  }
  const found = names.find((n) => normalizeArea(n) === normalizeArea(asked));
  if (found === undefined) {
    return {
      ok: false,
      areas: names,
      message: `«${asked}» no es un área que reporte el indicador ${indicator.code}; las áreas son ${list}.`,
    };
  }
  return { ok: true, area: found };
}

/** One area's share of a period as it stands (its latest report version; status null: nothing saved). */
export type AreaShareState = {
  area: string;
  status: ReportStatus | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
};

/** What a report or a list line shows about the indicator's areas for the period. */
export type IndicatorAreasStatus = {
  rule: LevelShareRule;
  shares: Array<{ area: string; status: ReportStatus | null; value: number | null }>;
  /** Areas whose share was sent (enviado) or approved (aprobado). */
  reported: string[];
  /** Areas still to send their share: nothing saved, a borrador, or returned. */
  pending: string[];
  /** The indicator's value combining the reported shares; null when none. */
  value: number | null;
  /** True while some area is pending: the value is a partial total. */
  partial: boolean;
};

const REPORTED: ReadonlySet<ReportStatus | null> = new Set(["enviado", "aprobado"]);

/**
 * The indicator's areas for one period: which reported, which are pending,
 * and the value of the reported shares combined by the ficha's rule (partial
 * while an area is pending). Null when the indicator has no reporting areas.
 */
export function indicatorAreasStatus(
  indicator: Pick<Indicator, "trend" | "measure" | "unit" | "areaRule" | "reportingAreas">,
  states: readonly AreaShareState[],
): IndicatorAreasStatus | null {
  const names = reportingAreaNames(indicator);
  if (names.length === 0) return null;
  const stateOf = (name: string) =>
    states.find((s) => normalizeArea(s.area) === normalizeArea(name));
  const shares: AreaShare[] = [];
  for (const name of names) {
    const state = stateOf(name);
    if (!state || !REPORTED.has(state.status) || state.value === null) continue;
    shares.push({
      area: name,
      value: state.value,
      numerator: state.numerator,
      denominator: state.denominator,
    });
  }
  const combined = combineAreaShares(indicatorShareRule(indicator), shares, names);
  return {
    rule: indicator.areaRule ?? "suma",
    shares: names.map((name) => {
      const state = stateOf(name);
      return { area: name, status: state?.status ?? null, value: state?.value ?? null };
    }),
    reported: combined.reported,
    pending: combined.pending,
    value: combined.value,
    partial: combined.partial,
  };
}
