/**
 * Warnings of a report: they do not block saving, they block the submission
 * until the reporter explains them. Qualitative analysis is expected whenever
 * an indicator is amarillo or rojo, and over-execution is reviewed.
 */
import type { SemaforoColor } from "../compliance/types.ts";
import type { Semaforo } from "../plan/plan.ts";

export const REPORT_WARNING_CODES = ["semaforo", "sobreejecucion", "atipico"] as const;
export type ReportWarningCode = (typeof REPORT_WARNING_CODES)[number];
export type ReportWarning = { code: ReportWarningCode; message: string };

/** A robust z-score above this marks a value far from the indicator's history. */
export const OUTLIER_SCORE = 3.5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * True when `value` lies far from earlier values of the same indicator: its
 * modified z-score (0.6745·|x − mediana| / MAD, Iglewicz & Hoaglin) exceeds
 * 3.5. With fewer than three earlier values nothing is atypical; with no
 * spread at all, a value that differs by more than half the median is.
 */
export function isOutlier(value: number, history: readonly number[]): boolean {
  if (history.length < 3) return false;
  const m = median(history);
  const mad = median(history.map((h) => Math.abs(h - m)));
  if (mad === 0) return Math.abs(value - m) > Math.abs(m) / 2 && value !== m;
  return (0.6745 * Math.abs(value - m)) / mad > OUTLIER_SCORE;
}

/**
 * The warnings of a report, from the engine's cell for its period (semáforo
 * and raw ratio after the floor at 0) and the indicator's earlier values.
 */
export function reportWarnings(input: {
  semaforo: SemaforoColor | null;
  raw: number | null;
  thresholds: Semaforo;
  value: number;
  history: readonly number[];
}): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  if (input.semaforo === "rojo" || input.semaforo === "amarillo") {
    warnings.push({
      code: "semaforo",
      message: `Con este valor el periodo queda en ${input.semaforo}: explique los retrasos y las acciones de mejora.`,
    });
  }
  if (input.raw !== null && input.raw > input.thresholds.sobreejecucion) {
    warnings.push({
      code: "sobreejecucion",
      message: `El avance supera el ${Math.round(input.thresholds.sobreejecucion * 100)} % de lo programado (sobre-ejecución): explique la causa.`,
    });
  }
  if (isOutlier(input.value, input.history)) {
    warnings.push({
      code: "atipico",
      message:
        "El valor está muy lejos de los reportes anteriores del indicador: confirme que es correcto y explíquelo.",
    });
  }
  return warnings;
}

/** Warnings still unexplained: the submission waits for an explanation of each. */
export function unexplainedWarnings(
  warnings: readonly ReportWarning[],
  explanation: string | null | undefined,
): ReportWarning[] {
  return explanation && explanation.trim().length >= 10 ? [] : [...warnings];
}
