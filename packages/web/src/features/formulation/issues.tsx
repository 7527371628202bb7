/**
 * Validation issues placed next to the field their JSON path names. A path
 * with no field of its own ("objectives[1].targets.2031", a year outside the
 * plan) goes to the nearest field or group above it; a path of the plan as a
 * whole ("") only shows in the summary.
 */
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { EDITED_INDICATOR_KEYS } from "./draft-to-plan.ts";
import type { ValidationIssue } from "./formulation-api.ts";
import { keyed } from "./keyed.ts";
import type { PlanDraft } from "./plan-draft.ts";
import { draftYears } from "./plan-draft.ts";
import {
  fieldId,
  indicatorPath,
  OBJECTIVE_WEIGHTS_PATH,
  objectivePath,
  objectiveWeightPath,
  parentPath,
} from "./plan-paths.ts";

const PLAN_FIELDS = [
  "code",
  "name",
  "entity",
  "years",
  "mission",
  "vision",
  "semaforo",
  "semaforo.rojo",
  "semaforo.amarillo",
  "semaforo.sobreejecucion",
  "objectives",
  OBJECTIVE_WEIGHTS_PATH,
  // The reprogramación form of the edit page (not part of the plan).
  "reprogramacion",
  "reprogramacion.justification",
  "reprogramacion.actReference",
  "reprogramacion.effectiveFrom",
];

// Every field the editor shows, and the total weight inside "weight".
const INDICATOR_FIELDS: readonly string[] = [...EDITED_INDICATOR_KEYS, "weight.total"];

/** Not a path of the plan: where the editor shows issues about an objective's weights. */
export function weightsPath(objectiveIndex: number): string {
  return `${objectivePath(objectiveIndex)}.weights`;
}

/** Every path the editor shows a field or a group for. */
export function editorPaths(draft: PlanDraft): Set<string> {
  const years = draftYears(draft) ?? [];
  const paths = new Set<string>(PLAN_FIELDS);
  const weightsTable = draft.objectiveWeighting === "weighted" && years.length > 0;
  draft.objectives.forEach((objective, oi) => {
    const base = objectivePath(oi);
    paths.add(base);
    paths.add(`${base}.code`);
    paths.add(`${base}.name`);
    if (weightsTable) {
      const weight = objectiveWeightPath(oi);
      paths.add(weight);
      for (const year of years) paths.add(`${weight}.${year}`);
      paths.add(`${weight}.total`);
    }
    if (years.length > 0 && objective.indicators.length > 0) paths.add(weightsPath(oi));
    objective.indicators.forEach((_, ii) => {
      const path = indicatorPath(oi, ii);
      paths.add(path);
      for (const field of INDICATOR_FIELDS) paths.add(`${path}.${field}`);
      for (const year of years) {
        paths.add(`${path}.targets.${year}`);
        paths.add(`${path}.weight.${year}`);
      }
    });
  });
  return paths;
}

/** "objectives[2].weight", "objectives[2].weight.2024": the objective's weight in the plan. */
const OWN_WEIGHT = /^objectives\[\d+\]\.weight(\.|$)/;

/** When the path names nothing, the codes the issue carries may still find the indicator. */
function pathFromCodes(issue: ValidationIssue, draft: PlanDraft): string {
  for (const [oi, objective] of draft.objectives.entries()) {
    if (issue.indicatorCode !== undefined) {
      const ii = objective.indicators.findIndex((i) => i.code.trim() === issue.indicatorCode);
      if (ii >= 0) return indicatorPath(oi, ii);
    } else if (issue.objectiveCode !== undefined && objective.code.trim() === issue.objectiveCode) {
      return objectivePath(oi);
    }
  }
  return "";
}

/** The path of the field or group an issue is shown next to ("" = the plan: summary only). */
export function resolveIssuePath(
  issue: ValidationIssue,
  draft: PlanDraft,
  known: ReadonlySet<string>,
): string {
  let path = issue.path;
  while (path !== "" && !known.has(path)) path = parentPath(path);
  if (path === "") path = pathFromCodes(issue, draft);
  // The objectives' weights that do not add up ("objectives", field weight): next to their table.
  if (path === "objectives" && issue.field === "weight" && known.has(OBJECTIVE_WEIGHTS_PATH)) {
    return OBJECTIVE_WEIGHTS_PATH;
  }
  // An objective's own weight whose row is not shown ("pesan igual"): where the weighting is chosen.
  if (OWN_WEIGHT.test(issue.path) && !OWN_WEIGHT.test(path)) return OBJECTIVE_WEIGHTS_PATH;
  // An objective's indicator weights that do not add up: next to its indicators' weights table.
  const objective = /^objectives\[(\d+)\]$/.exec(path);
  if (objective?.[1] !== undefined && issue.field === "weight") {
    const weights = weightsPath(Number(objective[1]));
    if (known.has(weights)) return weights;
  }
  return path;
}

export type PlacedIssue = ValidationIssue & { fieldPath: string };

export function placeIssues(issues: readonly ValidationIssue[], draft: PlanDraft): PlacedIssue[] {
  const known = editorPaths(draft);
  return issues.map((issue) => ({ ...issue, fieldPath: resolveIssuePath(issue, draft, known) }));
}

const IssuesContext = createContext<ReadonlyMap<string, PlacedIssue[]>>(new Map());

export function IssuesProvider({
  issues,
  children,
}: {
  issues: readonly PlacedIssue[];
  children: ReactNode;
}) {
  const byPath = useMemo(() => {
    const map = new Map<string, PlacedIssue[]>();
    for (const issue of issues) {
      const list = map.get(issue.fieldPath) ?? [];
      list.push(issue);
      map.set(issue.fieldPath, list);
    }
    return map;
  }, [issues]);
  return <IssuesContext.Provider value={byPath}>{children}</IssuesContext.Provider>;
}

const NO_ISSUES: PlacedIssue[] = [];

export function useFieldIssues(path: string): PlacedIssue[] {
  return useContext(IssuesContext).get(path) ?? NO_ISSUES;
}

export function messagesId(path: string): string {
  return `${fieldId(path)}-mensajes`;
}

export function severityLabel(issue: ValidationIssue): string {
  return issue.severity === "error" ? "Error" : "Advertencia";
}

/** The issues of one field; the field lists this element in its aria-describedby. */
export function FieldMessages({ path, issues }: { path: string; issues: readonly PlacedIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul id={messagesId(path)} className="issue-messages">
      {keyed(issues, (issue) => `${issue.code}|${issue.message}`).map(({ key, item }) => (
        <li key={key} className={item.severity === "error" ? "field-error" : "field-warning"}>
          <span className="issue-severity">{severityLabel(item)}:</span> {item.message}
        </li>
      ))}
    </ul>
  );
}

/** aria-* of an input with `hintId` (if any) and its issues. */
export function describedBy(
  path: string,
  issues: readonly PlacedIssue[],
  ...others: (string | undefined)[]
) {
  const ids = [
    ...others.filter((id): id is string => id !== undefined),
    ...(issues.length > 0 ? [messagesId(path)] : []),
  ];
  return {
    "aria-describedby": ids.length > 0 ? ids.join(" ") : undefined,
    "aria-invalid": issues.some((issue) => issue.severity === "error") ? true : undefined,
  };
}
