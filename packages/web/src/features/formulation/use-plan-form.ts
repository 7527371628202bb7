/**
 * State shared by the create and edit pages: the draft, the issues shown
 * (the browser's own or the server's), and the focus request of the summary.
 */
import { useCallback, useMemo, useState } from "react";
import type { DraftUpdate } from "./draft-actions.ts";
import type { ValidationIssue } from "./formulation-api.ts";
import { placeIssues } from "./issues.tsx";
import type { PlanDraft } from "./plan-draft.ts";

export function usePlanForm(
  initial: () => PlanDraft,
  initialIssues: ValidationIssue[] | null = null,
) {
  const [draft, setDraft] = useState(initial);
  /** null: none reported yet (the edit page then shows the saved plan's validation). */
  const [issues, setIssues] = useState<ValidationIssue[] | null>(initialIssues);
  const [focusRequest, setFocusRequest] = useState(0);

  const change = useCallback((update: DraftUpdate) => setDraft(update), []);

  // A move, addition or removal shifts the JSON paths: issues would point at the wrong field.
  const changeStructure = useCallback((update: DraftUpdate) => {
    setDraft(update);
    setIssues([]);
  }, []);

  /** Show these issues and move the focus to their summary. */
  const report = useCallback((reported: ValidationIssue[]) => {
    setIssues(reported);
    setFocusRequest((n) => n + 1);
  }, []);

  return { draft, setDraft, change, changeStructure, issues, setIssues, report, focusRequest };
}

export function usePlacedIssues(issues: readonly ValidationIssue[], draft: PlanDraft) {
  return useMemo(() => placeIssues(issues, draft), [issues, draft]);
}
