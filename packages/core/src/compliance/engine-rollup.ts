/**
 * Objective and plan rollups (formats.md §3.6–3.8): weighted means over the
 * children evaluated, with the weights renormalised over what was evaluated.
 */
import {
  computeIndicatorPeriod,
  computeIndicatorYear,
  type EngineState,
  NP,
  PENDIENTE,
  SIN_REPORTE,
  semaforoCode,
} from "./engine-state.ts";

/** Whether an indicator with this status enters its objective's mean (§3.5–3.6). */
export function isEvaluated(state: EngineState, status: number): boolean {
  if (status === NP || status === PENDIENTE) return false;
  return status !== SIN_REPORTE || state.missingZero;
}

/** formats.md §3.6 for objective o in year index y. */
export function computeObjectiveYear(state: EngineState, o: number, y: number): void {
  const { yearCount, objectiveStart, weight } = state.compiled;
  const cell = o * yearCount + y;
  if (y >= state.evaluatedYears) {
    // §3.3: objective and plan cells of a pendiente year are pendiente.
    state.objectiveStatus[cell] = PENDIENTE;
    state.objectiveCompliance[cell] = Number.NaN;
    state.objectiveWeightSum[cell] = 0;
    return;
  }
  let weightSum = 0;
  let weighted = 0;
  let evaluated = 0;
  const end = objectiveStart[o + 1] ?? 0;
  for (let i = objectiveStart[o] ?? 0; i < end; i++) {
    const child = i * yearCount + y;
    if (!isEvaluated(state, state.status[child] ?? NP)) continue;
    const w = weight[child] ?? 0;
    weightSum += w;
    weighted += w * (state.compliance[child] ?? 0);
    evaluated++;
  }
  const compliance = rollupCompliance(evaluated, weightSum, weighted);
  state.objectiveStatus[cell] = rollupStatus(state, compliance);
  state.objectiveCompliance[cell] = compliance;
  state.objectiveWeightSum[cell] = weightSum;
}

/** formats.md §3.8: the objective's period compliance and progress. */
export function computeObjectivePeriod(state: EngineState, o: number): void {
  const { objectiveStart, periodWeight } = state.compiled;
  let weightSum = 0;
  let weighted = 0;
  let evaluated = 0;
  let progressWeightSum = 0;
  let progressWeighted = 0;
  let progressCount = 0;
  const end = objectiveStart[o + 1] ?? 0;
  for (let i = objectiveStart[o] ?? 0; i < end; i++) {
    const w = periodWeight[i] ?? 0;
    if (isEvaluated(state, state.periodStatus[i] ?? NP)) {
      weightSum += w;
      weighted += w * (state.periodCompliance[i] ?? 0);
      evaluated++;
    }
    const progress = state.periodProgress[i] ?? Number.NaN;
    // §3.8: children with progress; one without A* counts 0, or is left out with exclude.
    const actualToDate = state.periodActual[i] ?? Number.NaN;
    const hasActual = !Number.isNaN(actualToDate);
    if (!Number.isNaN(progress) && (hasActual || state.missingZero)) {
      progressWeightSum += w;
      progressWeighted += w * progress;
      progressCount++;
    }
  }
  const compliance = rollupCompliance(evaluated, weightSum, weighted);
  state.objectivePeriodStatus[o] = rollupStatus(state, compliance);
  state.objectivePeriodCompliance[o] = compliance;
  state.objectivePeriodWeightSum[o] = weightSum;
  state.objectivePeriodProgress[o] =
    progressCount > 0 && progressWeightSum > 0 ? progressWeighted / progressWeightSum : Number.NaN;
}

/** formats.md §3.7 for the plan in year index y. */
export function computePlanYear(state: EngineState, y: number): void {
  const { yearCount, objectiveCount, objectiveWeight } = state.compiled;
  if (y >= state.evaluatedYears) {
    state.planStatus[y] = PENDIENTE;
    state.planCompliance[y] = Number.NaN;
    state.planWeightSum[y] = 0;
    return;
  }
  let weightSum = 0;
  let weighted = 0;
  let evaluated = 0;
  for (let o = 0; o < objectiveCount; o++) {
    const child = o * yearCount + y;
    if (state.objectiveStatus[child] === NP) continue;
    const w = objectiveWeight[child] ?? 0;
    weightSum += w;
    weighted += w * (state.objectiveCompliance[child] ?? 0);
    evaluated++;
  }
  const compliance = rollupCompliance(evaluated, weightSum, weighted);
  state.planStatus[y] = rollupStatus(state, compliance);
  state.planCompliance[y] = compliance;
  state.planWeightSum[y] = weightSum;
}

/** formats.md §3.8 for the plan period; objectives without progress are left out. */
export function computePlanPeriod(state: EngineState): void {
  const { objectiveCount, objectivePeriodWeight } = state.compiled;
  let weightSum = 0;
  let weighted = 0;
  let evaluated = 0;
  let progressWeightSum = 0;
  let progressWeighted = 0;
  let progressCount = 0;
  for (let o = 0; o < objectiveCount; o++) {
    const w = objectivePeriodWeight[o] ?? 0;
    if (state.objectivePeriodStatus[o] !== NP) {
      weightSum += w;
      weighted += w * (state.objectivePeriodCompliance[o] ?? 0);
      evaluated++;
    }
    const progress = state.objectivePeriodProgress[o] ?? Number.NaN;
    if (!Number.isNaN(progress)) {
      progressWeightSum += w;
      progressWeighted += w * progress;
      progressCount++;
    }
  }
  const period = state.planPeriod;
  const compliance = rollupCompliance(evaluated, weightSum, weighted);
  period[0] = compliance;
  period[1] = rollupStatus(state, compliance);
  period[2] = weightSum;
  period[3] =
    progressCount > 0 && progressWeightSum > 0 ? progressWeighted / progressWeightSum : Number.NaN;
}

/** §3.6: nothing evaluated, or evaluated weights summing to 0, makes the cell np (NaN). */
function rollupCompliance(evaluated: number, weightSum: number, weighted: number): number {
  return evaluated === 0 || weightSum === 0 ? Number.NaN : weighted / weightSum;
}

function rollupStatus(state: EngineState, compliance: number): number {
  return Number.isNaN(compliance) ? NP : semaforoCode(state, compliance);
}

/** Full recompute: every indicator, objective and plan cell. */
export function recomputeAll(state: EngineState): void {
  const { indicatorCount, objectiveCount, yearCount } = state.compiled;
  for (let i = 0; i < indicatorCount; i++) {
    for (let y = 0; y < yearCount; y++) computeIndicatorYear(state, i, y);
    computeIndicatorPeriod(state, i);
  }
  for (let o = 0; o < objectiveCount; o++) {
    for (let y = 0; y < yearCount; y++) computeObjectiveYear(state, o, y);
    computeObjectivePeriod(state, o);
  }
  for (let y = 0; y < yearCount; y++) computePlanYear(state, y);
  computePlanPeriod(state);
}

/** Incremental recompute after a value of indicator i in year index y changed. */
export function recomputePath(state: EngineState, i: number, y: number): void {
  const o = state.compiled.objectiveOf[i] ?? 0;
  computeIndicatorYear(state, i, y);
  computeIndicatorPeriod(state, i);
  computeObjectiveYear(state, o, y);
  computeObjectivePeriod(state, o);
  computePlanYear(state, y);
  computePlanPeriod(state);
}
