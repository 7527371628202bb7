import { dashboardPath, editIndicatorPath, mySeguimientoPath } from "../../routes.ts";
import { errorMessage } from "../../shared/api/api-client.ts";
import { formatYears } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { LoadingState } from "../../shared/ui/query-state.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { PlanFormulationPanel, PlanVersionNotice } from "../formulation/plan-formulation-panel.tsx";
import { isEarlierVersion, planStateOf } from "../formulation/plan-state.ts";
import { useRequestedVersion } from "../formulation/requested-version.ts";
import { useSignedInUser } from "../session/session-api.ts";
import { ProtectedPageError } from "../session/session-guards.tsx";
import type { FichaLink } from "./indicators-table.tsx";
import { ObjectiveSection, objectiveAnchor, objectiveTitle } from "./objective-section.tsx";
import { usePlanPermissions } from "./permissions-api.ts";
import { PermissionsNote } from "./permissions-note.tsx";
import { type PlanDetail, usePlan } from "./plans-api.ts";

const NOBODY_REPORTS: ReadonlySet<string> = new Set();

function PlanFacts({ plan }: { plan: PlanDetail }) {
  return (
    <dl className="facts">
      <div>
        <dt>Código</dt>
        <dd>{plan.code}</dd>
      </div>
      {plan.entity !== undefined && (
        <div>
          <dt>Entidad</dt>
          <dd>{plan.entity}</dd>
        </div>
      )}
      <div>
        <dt>Vigencias</dt>
        <dd>{formatYears(plan.years)}</dd>
      </div>
    </dl>
  );
}

function StrategicPlatform({ plan }: { plan: PlanDetail }) {
  if (plan.mission === undefined && plan.vision === undefined) return null;
  return (
    <section className="platform" aria-labelledby="plataforma-estrategica">
      <h2 id="plataforma-estrategica">Plataforma estratégica</h2>
      {plan.mission !== undefined && (
        <details>
          <summary>Misión</summary>
          <p>{plan.mission}</p>
        </details>
      )}
      {plan.vision !== undefined && (
        <details>
          <summary>Visión</summary>
          <p>{plan.vision}</p>
        </details>
      )}
    </section>
  );
}

/** With a session: what the person may do here, from the server's policy. Anonymous: nothing. */
function PlanPermissionsNote({
  permissions,
}: {
  permissions: ReturnType<typeof usePlanPermissions>;
}) {
  if (permissions.isError) {
    return (
      <p className="note">
        No fue posible consultar lo que puede hacer en este plan: {errorMessage(permissions.error)}
      </p>
    );
  }
  if (permissions.data === undefined) return null;
  return <PermissionsNote permissions={permissions.data} />;
}

function PlanView({
  plan,
  permissions,
}: {
  plan: PlanDetail;
  permissions: ReturnType<typeof usePlanPermissions>;
}) {
  const reportable = permissions.data
    ? new Set(permissions.data.reportableIndicators)
    : NOBODY_REPORTS;
  // The ficha page edits the version in force, so an earlier version's page does not link it;
  // nor does it for those who cannot edit (the page would only say so).
  const fichaOf: FichaLink =
    permissions.data?.actions["plan.edit"] === true && !isEarlierVersion(planStateOf(plan))
      ? (code) => editIndicatorPath(plan.id, code)
      : null;
  return (
    <article className="plan">
      <div className="page-heading">
        <p className="eyebrow">Plan estratégico</p>
        <h1>{plan.name}</h1>
        <PlanFacts plan={plan} />
        <PlanVersionNotice plan={plan} />
        <p>
          <Link to={dashboardPath(plan.id)}>Tablero de seguimiento</Link>: cumplimiento, semáforos y
          alertas por vigencia.
        </p>
        {plan.published && (
          // The portal's pages are served by the server, outside this app: a plain link.
          <p>
            <a href={`/publico/planes/${plan.id}`}>Ver en el portal público</a>: lo publicado del
            plan y de sus cortes, sin cuenta.
          </p>
        )}
      </div>
      <StrategicPlatform plan={plan} />
      <PlanPermissionsNote permissions={permissions} />
      <PlanFormulationPanel plan={plan} permissions={permissions.data} />
      <section aria-labelledby="objetivos">
        <h2 id="objetivos">Objetivos sectoriales</h2>
        <nav className="toc" aria-label="Objetivos del plan">
          <ul>
            {plan.objectives.map((objective) => (
              <li key={objective.code}>
                <a href={`#${objectiveAnchor(objective)}`}>{objectiveTitle(objective)}</a>
              </li>
            ))}
          </ul>
        </nav>
        {plan.objectives.map((objective) => (
          <ObjectiveSection
            key={objective.code}
            objective={objective}
            years={plan.years}
            reportable={reportable}
            reportsPath={mySeguimientoPath(plan.id)}
            fichaOf={fichaOf}
          />
        ))}
      </section>
      {plan.source !== undefined && <p className="source">Fuente: {plan.source}</p>}
    </article>
  );
}

export function PlanPage({ planId }: { planId: number }) {
  const plan = usePlan(planId, useRequestedVersion());
  const user = useSignedInUser();
  const permissions = usePlanPermissions(planId, user?.id ?? null);
  useDocumentTitle(
    plan.data?.name ?? (plan.isError ? "Error al cargar el plan" : "Cargando el plan"),
  );
  if (plan.isPending) return <LoadingState message="Cargando el plan…" />;
  // Without a session an unpublished plan (or a missing one: the server does not tell
  // them apart) answers 401, and signing in is the way to see it.
  if (plan.isError)
    return <ProtectedPageError title="No fue posible cargar el plan" error={plan.error} />;
  return <PlanView plan={plan.data} permissions={permissions} />;
}
