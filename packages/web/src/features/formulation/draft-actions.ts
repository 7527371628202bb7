/**
 * Edits of the draft as pure functions, one per thing the person can do
 * (add, change, move, remove), so the components stay thin and every move is
 * testable without rendering.
 */
import {
  type IndicatorDraft,
  newIndicatorDraft,
  newObjectiveDraft,
  type ObjectiveDraft,
  type ObjectiveWeighting,
  type PlanDraft,
} from "./plan-draft.ts";

export type DraftUpdate = (draft: PlanDraft) => PlanDraft;

/** `items` with the one at `index` moved by `delta` places; unchanged when that leaves the list. */
export function moved<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  const item = items[index];
  const other = items[target];
  if (item === undefined || other === undefined) return [...items];
  const copy = [...items];
  copy[target] = item;
  copy[index] = other;
  return copy;
}

export function setPlanFields(
  fields: Partial<Omit<PlanDraft, "base" | "objectives">>,
): DraftUpdate {
  return (draft) => ({ ...draft, ...fields });
}

export function addObjective(fresh?: ObjectiveDraft): DraftUpdate {
  return (draft) => ({
    ...draft,
    objectives: [...draft.objectives, fresh ?? newObjectiveDraft(draft.objectives.length + 1)],
  });
}

export function updateObjective(
  objectiveIndex: number,
  change: (objective: ObjectiveDraft) => ObjectiveDraft,
): DraftUpdate {
  return (draft) => ({
    ...draft,
    objectives: draft.objectives.map((objective, index) =>
      index === objectiveIndex ? change(objective) : objective,
    ),
  });
}

export function setObjectiveFields(
  objectiveIndex: number,
  fields: Partial<Pick<ObjectiveDraft, "code" | "name">>,
): DraftUpdate {
  return updateObjective(objectiveIndex, (objective) => ({ ...objective, ...fields }));
}

/**
 * "Todos los objetivos pesan igual" or "Ponderación por objetivo". The typed
 * weights stay in the draft (going back shows them again) but a plan whose
 * objectives weigh the same is saved without them.
 */
export function setObjectiveWeighting(objectiveWeighting: ObjectiveWeighting): DraftUpdate {
  return (draft) => ({ ...draft, objectiveWeighting });
}

/** `column` is a year, or "total" for the objective's weight in the plan period. */
export function setObjectiveWeight(
  objectiveIndex: number,
  column: string,
  value: string,
): DraftUpdate {
  return updateObjective(objectiveIndex, (objective) =>
    column === "total"
      ? { ...objective, weightTotal: value }
      : { ...objective, weights: { ...objective.weights, [column]: value } },
  );
}

export function moveObjective(objectiveIndex: number, delta: -1 | 1): DraftUpdate {
  return (draft) => ({ ...draft, objectives: moved(draft.objectives, objectiveIndex, delta) });
}

export function removeObjective(objectiveIndex: number): DraftUpdate {
  return (draft) => ({
    ...draft,
    objectives: draft.objectives.filter((_, index) => index !== objectiveIndex),
  });
}

export function addIndicator(objectiveIndex: number, fresh?: IndicatorDraft): DraftUpdate {
  return updateObjective(objectiveIndex, (objective) => ({
    ...objective,
    indicators: [...objective.indicators, fresh ?? newIndicatorDraft()],
  }));
}

export function updateIndicator(
  objectiveIndex: number,
  indicatorIndex: number,
  change: (indicator: IndicatorDraft) => IndicatorDraft,
): DraftUpdate {
  return updateObjective(objectiveIndex, (objective) => ({
    ...objective,
    indicators: objective.indicators.map((indicator, index) =>
      index === indicatorIndex ? change(indicator) : indicator,
    ),
  }));
}

export function setIndicatorFields(
  objectiveIndex: number,
  indicatorIndex: number,
  fields: Partial<Omit<IndicatorDraft, "key" | "base" | "targets" | "weights">>,
): DraftUpdate {
  return updateIndicator(objectiveIndex, indicatorIndex, (indicator) => ({
    ...indicator,
    ...fields,
  }));
}

export function setTarget(
  objectiveIndex: number,
  indicatorIndex: number,
  year: string,
  value: string,
): DraftUpdate {
  return updateIndicator(objectiveIndex, indicatorIndex, (indicator) => ({
    ...indicator,
    targets: { ...indicator.targets, [year]: value },
  }));
}

/** `column` is a year, or "total" for the weight of the plan period. */
export function setWeight(
  objectiveIndex: number,
  indicatorIndex: number,
  column: string,
  value: string,
): DraftUpdate {
  return updateIndicator(objectiveIndex, indicatorIndex, (indicator) =>
    column === "total"
      ? { ...indicator, weightTotal: value }
      : { ...indicator, weights: { ...indicator.weights, [column]: value } },
  );
}

export function moveIndicator(
  objectiveIndex: number,
  indicatorIndex: number,
  delta: -1 | 1,
): DraftUpdate {
  return updateObjective(objectiveIndex, (objective) => ({
    ...objective,
    indicators: moved(objective.indicators, indicatorIndex, delta),
  }));
}

export function removeIndicator(objectiveIndex: number, indicatorIndex: number): DraftUpdate {
  return updateObjective(objectiveIndex, (objective) => ({
    ...objective,
    indicators: objective.indicators.filter((_, index) => index !== indicatorIndex),
  }));
}
