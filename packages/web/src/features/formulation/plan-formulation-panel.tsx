/**
 * What the formulation feature adds to the plan's page: the banner of an
 * earlier version, the plan's state, the links and buttons the person's
 * permissions allow (edit, reprogram, versions, put in force, publish), the
 * validation report for editors and the downloads for everyone.
 */
import { editPlanPath, planVersionsPath, reprogramPlanPath } from "../../routes.ts";
import { Link } from "../../shared/router.tsx";
import type { PlanPermissions } from "../plans/permissions-api.ts";
import type { PlanDetail } from "../plans/plans-api.ts";
import { STATUS_LABELS } from "./formulation-format.ts";
import { PlanDownloads } from "./plan-downloads.tsx";
import { isEarlierVersion, type PlanState, planStateOf } from "./plan-state.ts";
import { PlanStatusActions } from "./plan-status-actions.tsx";
import { useRequestedVersion } from "./requested-version.ts";
import { UpdateFromMatrix } from "./update-from-matrix.tsx";
import { ValidationReport } from "./validation-report.tsx";
import { VersionBanner } from "./version-banner.tsx";
import "./formulation.css";

function StatusLine({ state }: { state: PlanState }) {
  if (state.status === null && state.published === null) return null;
  const parts = [
    ...(state.status === null ? [] : [STATUS_LABELS[state.status]]),
    ...(state.published === null ? [] : [state.published ? "publicado" : "no publicado"]),
    ...(state.currentVersion === null ? [] : [`versión ${state.currentVersion}`]),
  ];
  return <p className="plan-status">Estado del plan: {parts.join(" · ")}</p>;
}

function EditorTools({
  plan,
  state,
  permissions,
}: {
  plan: PlanDetail;
  state: PlanState;
  permissions: PlanPermissions;
}) {
  const canEdit = permissions.actions["plan.edit"] === true;
  const canReprogram = permissions.actions["plan.reprogram"] === true && state.status === "vigente";
  const canPublish = permissions.actions["plan.publish"] === true;
  return (
    <section className="plan-tools" aria-labelledby="formulacion-del-plan">
      <h2 id="formulacion-del-plan">Formulación</h2>
      <StatusLine state={state} />
      <ul className="action-links">
        {canEdit && (
          <li>
            <Link className="button" to={editPlanPath(plan.id)}>
              Editar plan
            </Link>
          </li>
        )}
        {canReprogram && (
          <li>
            <Link className="button button-secondary" to={reprogramPlanPath(plan.id)}>
              Reprogramar
            </Link>
          </li>
        )}
        <li>
          <Link to={planVersionsPath(plan.id)}>Historial de versiones</Link>
        </li>
      </ul>
      <PlanStatusActions
        planId={plan.id}
        version={state.currentVersion}
        status={state.status}
        published={state.published}
        canChangeStatus={canEdit}
        canPublish={canPublish}
      />
      {canEdit && (
        <UpdateFromMatrix
          planId={plan.id}
          canReprogram={permissions.actions["plan.reprogram"] === true}
        />
      )}
      {canEdit && <ValidationReport planId={plan.id} />}
    </section>
  );
}

function useEarlierVersion(plan: PlanDetail): number | null {
  const requested = useRequestedVersion();
  const state = planStateOf(plan);
  // An older server sends no currentVersion: trust the address then.
  return requested !== null && (isEarlierVersion(state) || state.currentVersion === null)
    ? requested
    : null;
}

/** Under the plan's title: "Versión N (fecha): no es la vigente" when the page shows an earlier version. */
export function PlanVersionNotice({ plan }: { plan: PlanDetail }) {
  const earlier = useEarlierVersion(plan);
  return earlier === null ? null : <VersionBanner planId={plan.id} version={earlier} />;
}

export function PlanFormulationPanel({
  plan,
  permissions,
}: {
  plan: PlanDetail;
  /** The server's answer for the signed-in person; undefined for visitors. */
  permissions: PlanPermissions | undefined;
}) {
  const earlier = useEarlierVersion(plan);
  return (
    <>
      {earlier === null && permissions !== undefined && (
        <EditorTools plan={plan} state={planStateOf(plan)} permissions={permissions} />
      )}
      <PlanDownloads planId={plan.id} version={earlier} />
    </>
  );
}
