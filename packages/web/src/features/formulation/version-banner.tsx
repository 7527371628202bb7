/** On the plan page with `?version=N`: this is not the plan in force. */
import { planPath } from "../../routes.ts";
import { Link } from "../../shared/router.tsx";
import { usePlanVersions } from "./formulation-api.ts";
import { formatDay, formatLongDate } from "./formulation-format.ts";

export function VersionBanner({ planId, version }: { planId: number; version: number }) {
  const versions = usePlanVersions(planId);
  const found = versions.data?.find((entry) => entry.version === version);
  const date = found === undefined ? "" : ` (${formatDay(found.createdAt)})`;
  return (
    <div className="version-banner" role="note" aria-label="Versión consultada">
      <p>
        <strong>
          Versión {version}
          {date}: no es la vigente.
        </strong>{" "}
        Lo que ve es el plan como quedó en esa versión; no se puede editar.
      </p>
      {found !== undefined && (
        <p>
          Rigió desde el {formatLongDate(found.effectiveFrom)}.
          {found.actReference !== null && ` Acta o documento: ${found.actReference}.`}
        </p>
      )}
      <p>
        <Link to={planPath(planId)}>Ver la versión vigente del plan</Link>
      </p>
    </div>
  );
}
