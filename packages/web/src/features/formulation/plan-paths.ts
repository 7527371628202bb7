/**
 * JSON paths into a plan, as the server's validation names them
 * ("objectives[2].indicators[0].targets.2025"), and the DOM id of the input
 * each path names, so an issue can sit next to its field and the summary can
 * link to it.
 */

export function objectivePath(objectiveIndex: number): string {
  return `objectives[${objectiveIndex}]`;
}

export function indicatorPath(objectiveIndex: number, indicatorIndex: number): string {
  return `${objectivePath(objectiveIndex)}.indicators[${indicatorIndex}]`;
}

/** "objectives[2].indicators[0].targets.2025" → "campo-objectives-2-indicators-0-targets-2025". */
export function fieldId(path: string): string {
  const slug = path.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return slug === "" ? "campo-plan" : `campo-${slug}`;
}

/** A path one level up: "a[1].b.2025" → "a[1].b" → "a[1]" → "a" → "". */
export function parentPath(path: string): string {
  const match = /^(.*?)(\[\d+\]|\.[^.[\]]+)$/.exec(path);
  return match?.[1] ?? "";
}

/** Not a path of the plan: the editor's section where the objectives' weights are chosen. */
export const OBJECTIVE_WEIGHTS_PATH = "objectiveWeights";

/** "objectives[2].weight": the weight of one objective in the plan. */
export function objectiveWeightPath(objectiveIndex: number): string {
  return `${objectivePath(objectiveIndex)}.weight`;
}
