/**
 * The list of issues at the top of the form, each a link to its field (the
 * GOV.UK "error summary" pattern): announced when it appears and focused after
 * a failed save so keyboard and screen-reader users start there.
 */
import { type MouseEvent, useEffect, useRef } from "react";
import { formatNumber } from "../../shared/format.ts";
import { type PlacedIssue, severityLabel } from "./issues.tsx";
import { keyed } from "./keyed.ts";
import { fieldId } from "./plan-paths.ts";

function count(n: number, singular: string, plural: string): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

export function describeIssueCounts(errors: number, warnings: number): string {
  const parts = [
    ...(errors > 0 ? [count(errors, "error", "errores")] : []),
    ...(warnings > 0 ? [count(warnings, "advertencia", "advertencias")] : []),
  ];
  return parts.join(" y ");
}

/** Focus the field (scrolling to it) instead of only jumping to it: the person can type at once. */
function goToField(event: MouseEvent<HTMLAnchorElement>, id: string): void {
  const target = document.getElementById(id);
  if (target === null) return;
  event.preventDefault();
  target.focus();
  target.scrollIntoView?.({ block: "center" });
}

export function IssueLink({ issue }: { issue: PlacedIssue }) {
  const text = (
    <>
      <span className="issue-severity">{severityLabel(issue)}:</span> {issue.message}
    </>
  );
  if (issue.fieldPath === "") return text;
  const id = fieldId(issue.fieldPath);
  return (
    <a href={`#${id}`} onClick={(event) => goToField(event, id)}>
      {text}
    </a>
  );
}

export function IssueSummary({
  issues,
  focusRequest,
  title,
}: {
  issues: readonly PlacedIssue[];
  /** Changes each time the summary should take the focus (after a failed save). */
  focusRequest: number;
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusRequest > 0) ref.current?.focus();
  }, [focusRequest]);
  if (issues.length === 0) return null;
  const errors = issues.filter((issue) => issue.severity === "error").length;
  const warnings = issues.length - errors;
  return (
    <div
      ref={ref}
      className={errors > 0 ? "issue-summary issue-summary-errors" : "issue-summary"}
      role={errors > 0 ? "alert" : "status"}
      tabIndex={-1}
    >
      <h2 id="resumen-de-problemas">
        {title ?? `El plan tiene ${describeIssueCounts(errors, warnings)}`}
      </h2>
      {errors > 0 && <p>Corrija los errores para guardar; las advertencias no lo impiden.</p>}
      <ul>
        {keyed(issues, (issue) => `${issue.path}|${issue.code}|${issue.message}`).map(
          ({ key, item }) => (
            <li key={key} className={item.severity === "error" ? "issue-error" : "issue-warning"}>
              <IssueLink issue={item} />
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
