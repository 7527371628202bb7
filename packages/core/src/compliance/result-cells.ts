/**
 * Turns the engine's typed arrays into `rumbo.result/v1` cells (formats.md §4).
 * NaN becomes `null`; nothing is rounded.
 */

import { isEvaluated } from "./engine-rollup.ts";
import { type EngineState, NP, PENDIENTE, SIN_REPORTE, semaforoCode } from "./engine-state.ts";
import type {
  CellStatus,
  Contribution,
  IndicatorPeriodCell,
  IndicatorYearCell,
  RollupPeriodCell,
  RollupYearCell,
  SemaforoColor,
} from "./types.ts";

const STATUS_NAMES: readonly CellStatus[] = [
  "verde",
  "amarillo",
  "rojo",
  "np",
  "sin_reporte",
  "pendiente",
];
const COLORS: readonly SemaforoColor[] = ["verde", "amarillo", "rojo"];

function orNull(value: number | undefined): number | null {
  return value === undefined || Number.isNaN(value) ? null : value;
}

function statusName(code: number | undefined): CellStatus {
  return STATUS_NAMES[code ?? NP] ?? "np";
}

/**
 * §3.9 and §4: the colour of the compliance after the cap; a sin_reporte cell
 * counted as 0 is coloured like 0, and has no colour when it is left out.
 */
function semaforoOf(
  state: EngineState,
  code: number,
  compliance: number | null,
): SemaforoColor | null {
  if (code === NP || code === PENDIENTE || compliance === null) return null;
  if (code === SIN_REPORTE) return COLORS[semaforoCode(state, compliance)] ?? null;
  return COLORS[code] ?? null;
}

export function indicatorYearCell(state: EngineState, i: number, y: number): IndicatorYearCell {
  const cell = i * state.compiled.yearCount + y;
  const code = state.status[cell] ?? NP;
  const compliance = orNull(state.compliance[cell]);
  const raw = orNull(state.raw[cell]);
  return {
    status: statusName(code),
    compliance,
    semaforo: semaforoOf(state, code, compliance),
    raw,
    target: code === NP ? null : orNull(state.compiled.target[cell]),
    actual: orNull(state.actual[cell]),
    overExecution: raw !== null && raw > state.compiled.cuts.sobreejecucion,
  };
}

export function indicatorPeriodCell(state: EngineState, i: number): IndicatorPeriodCell {
  const code = state.periodStatus[i] ?? NP;
  const compliance = orNull(state.periodCompliance[i]);
  const raw = orNull(state.periodRaw[i]);
  return {
    status: statusName(code),
    compliance,
    semaforo: semaforoOf(state, code, compliance),
    raw,
    target: orNull(state.periodTarget[i]),
    actual: orNull(state.periodActual[i]),
    overExecution: raw !== null && raw > state.compiled.cuts.sobreejecucion,
    total: orNull(state.compiled.total[i]),
    progress: orNull(state.periodProgress[i]),
  };
}

function rollupCell(
  state: EngineState,
  code: number,
  compliance: number | undefined,
  contributions: () => Contribution[],
): RollupYearCell {
  const value = orNull(compliance);
  const listed = code === NP || code === PENDIENTE || value === null;
  return {
    status: statusName(code),
    compliance: value,
    semaforo: semaforoOf(state, code, value),
    contributions: listed ? [] : contributions(),
  };
}

function contribution(code: string, share: number, compliance: number): Contribution {
  return { code, weight: share, compliance, contribution: share * compliance };
}

export function objectiveYearCell(state: EngineState, o: number, y: number): RollupYearCell {
  const { yearCount, objectiveStart, weight, indicatorCodes } = state.compiled;
  const cell = o * yearCount + y;
  return rollupCell(
    state,
    state.objectiveStatus[cell] ?? NP,
    state.objectiveCompliance[cell],
    () => {
      const weightSum = state.objectiveWeightSum[cell] ?? 1;
      const list: Contribution[] = [];
      const end = objectiveStart[o + 1] ?? 0;
      for (let i = objectiveStart[o] ?? 0; i < end; i++) {
        const child = i * yearCount + y;
        if (!isEvaluated(state, state.status[child] ?? NP)) continue;
        list.push(
          contribution(
            indicatorCodes[i] ?? "",
            (weight[child] ?? 0) / weightSum,
            state.compliance[child] ?? 0,
          ),
        );
      }
      return list;
    },
  );
}

export function objectivePeriodCell(state: EngineState, o: number): RollupPeriodCell {
  const { objectiveStart, periodWeight, indicatorCodes } = state.compiled;
  const cell = rollupCell(
    state,
    state.objectivePeriodStatus[o] ?? NP,
    state.objectivePeriodCompliance[o],
    () => {
      const weightSum = state.objectivePeriodWeightSum[o] ?? 1;
      const list: Contribution[] = [];
      const end = objectiveStart[o + 1] ?? 0;
      for (let i = objectiveStart[o] ?? 0; i < end; i++) {
        if (!isEvaluated(state, state.periodStatus[i] ?? NP)) continue;
        list.push(
          contribution(
            indicatorCodes[i] ?? "",
            (periodWeight[i] ?? 0) / weightSum,
            state.periodCompliance[i] ?? 0,
          ),
        );
      }
      return list;
    },
  );
  return { ...cell, progress: orNull(state.objectivePeriodProgress[o]) };
}

export function planYearCell(state: EngineState, y: number): RollupYearCell {
  const { yearCount, objectiveCount, objectiveWeight, objectiveCodes } = state.compiled;
  return rollupCell(state, state.planStatus[y] ?? NP, state.planCompliance[y], () => {
    const weightSum = state.planWeightSum[y] ?? 1;
    const list: Contribution[] = [];
    for (let o = 0; o < objectiveCount; o++) {
      const child = o * yearCount + y;
      if (state.objectiveStatus[child] === NP) continue;
      list.push(
        contribution(
          objectiveCodes[o] ?? "",
          (objectiveWeight[child] ?? 0) / weightSum,
          state.objectiveCompliance[child] ?? 0,
        ),
      );
    }
    return list;
  });
}

export function planPeriodCell(state: EngineState): RollupPeriodCell {
  const { objectiveCount, objectivePeriodWeight, objectiveCodes } = state.compiled;
  const [compliance, status, weightSum = 1, progress] = state.planPeriod;
  const cell = rollupCell(state, status ?? NP, compliance, () => {
    const list: Contribution[] = [];
    for (let o = 0; o < objectiveCount; o++) {
      if (state.objectivePeriodStatus[o] === NP) continue;
      list.push(
        contribution(
          objectiveCodes[o] ?? "",
          (objectivePeriodWeight[o] ?? 0) / weightSum,
          state.objectivePeriodCompliance[o] ?? 0,
        ),
      );
    }
    return list;
  });
  return { ...cell, progress: orNull(progress) };
}
