/**
 * «Cambio desde el corte anterior» (methodology.md §13): which corte the
 * tablero compares with, and how a cell's compliance moved since then. Pure:
 * the server runs the engine for both cortes and core compares the two
 * results; the web only shows the words and the arrow.
 */
import { roundHalfAwayFromZero } from "../format/numbers.ts";
import type { CellStatus } from "./types.ts";

export const CHANGE_DIRECTIONS = ["sube", "baja", "igual", "sin_comparacion"] as const;
export type ChangeDirection = (typeof CHANGE_DIRECTIONS)[number];

/** How one cell's compliance moved between two results. */
export type CorteChange = {
  direction: ChangeDirection;
  /** Compliance (ratio) in the earlier result; null when it had none. */
  previous: number | null;
  /** The cell's status in the earlier result; null when the cell did not exist. */
  previousStatus: CellStatus | null;
  /** Now minus then, in percentage points (ratio × 100), unrounded; null without comparison. */
  deltaPoints: number | null;
};

export const NO_COMPARISON: CorteChange = {
  direction: "sin_comparacion",
  previous: null,
  previousStatus: null,
  deltaPoints: null,
};

type Cell = { status: CellStatus; compliance: number | null };

/**
 * The change of one cell: both results must have a compliance (NP, pendiente
 * and sin reporte excluded have none) to compare; «igual» when the difference
 * shows as 0,00 puntos (two decimals, formats.md §3), so an arrow never
 * points at a change nobody can see.
 */
export function compareCells(now: Cell, before: Cell | undefined): CorteChange {
  if (before === undefined) return NO_COMPARISON;
  if (now.compliance === null || before.compliance === null) {
    return { ...NO_COMPARISON, previous: before.compliance, previousStatus: before.status };
  }
  const deltaPoints = (now.compliance - before.compliance) * 100;
  const shown = roundHalfAwayFromZero(deltaPoints, 2);
  return {
    direction: shown > 0 ? "sube" : shown < 0 ? "baja" : "igual",
    previous: before.compliance,
    previousStatus: before.status,
    deltaPoints,
  };
}

/** A corte as the comparison needs it: its date and the instant it closed. */
export type ClosedCorte = { id: number; periodEnd: string; closedAt: string };

/**
 * The corte a tablero compares with: the latest corte closed (as known at
 * `knownAt`, when given) whose date is strictly before the tablero's fecha de
 * corte (any date when the tablero has none). Null when there is none.
 */
export function previousCorte(
  cortes: readonly { id: number; periodEnd: string; closedAt: string | null }[],
  query: { asOf: string | null; knownAt: string | null },
): ClosedCorte | null {
  let found: ClosedCorte | null = null;
  const knownAt = query.knownAt === null ? null : Date.parse(query.knownAt);
  for (const corte of cortes) {
    if (corte.closedAt === null) continue;
    if (knownAt !== null && Date.parse(corte.closedAt) > knownAt) continue;
    if (query.asOf !== null && corte.periodEnd >= query.asOf) continue;
    if (found === null || corte.periodEnd > found.periodEnd) {
      found = { id: corte.id, periodEnd: corte.periodEnd, closedAt: corte.closedAt };
    }
  }
  return found;
}
