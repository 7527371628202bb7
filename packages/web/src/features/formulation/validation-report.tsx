/**
 * What the validation rules say about the saved plan (`GET /validation`), for
 * people who may edit it: a collapsible list, each issue a link to its field
 * in the editor.
 */
import { errorMessage } from "../../shared/api/api-client.ts";
import { Link } from "../../shared/router.tsx";
import { editFieldPath } from "./editor-params.ts";
import { usePlanValidation } from "./formulation-api.ts";
import { describeIssueCounts } from "./issue-summary.tsx";
import { severityLabel } from "./issues.tsx";
import { keyed } from "./keyed.ts";

export function ValidationReport({ planId }: { planId: number }) {
  const validation = usePlanValidation(planId, true);
  if (validation.isPending) return null;
  if (validation.isError) {
    return (
      <p className="note">
        No fue posible consultar la validación del plan: {errorMessage(validation.error)}
      </p>
    );
  }
  const { issues, summary } = validation.data;
  return (
    <details className="validation-report">
      <summary>
        Validación del plan:{" "}
        {issues.length === 0
          ? "sin errores ni advertencias"
          : describeIssueCounts(summary.errors, summary.warnings)}
      </summary>
      {issues.length > 0 && (
        <ul>
          {keyed(issues, (i) => `${i.path}|${i.code}|${i.message}`).map(({ key, item }) => (
            <li key={key} className={item.severity === "error" ? "issue-error" : "issue-warning"}>
              <span className="issue-severity">{severityLabel(item)}:</span> {item.message}{" "}
              <Link to={editFieldPath(planId, item.path)}>Corregir</Link>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
