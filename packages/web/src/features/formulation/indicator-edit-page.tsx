/**
 * The ficha of one indicator (`/planes/:id/indicadores/:code/editar`), edited
 * alone: no scrolling through the whole plan to fix one text. The save sends
 * the plan with only this change (PUT, If-Match); the server decides what it
 * is. En vigencia, texts of the ficha are a plain edit; if the programación
 * changed, the server asks for a reprogramación (409) and the justification
 * and acta appear here.
 */
import { diffPlans, type Plan, programmingChanges } from "@rumbo/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { planPath, reprogramPlanPath } from "../../routes.ts";
import { errorMessage } from "../../shared/api/api-client.ts";
import { formatNumber } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { type PlanPermissions, usePlanPermissions } from "../plans/permissions-api.ts";
import { planKeys } from "../plans/plans-api.ts";
import { RequireSignIn } from "../session/session-guards.tsx";
import { setIndicatorFields, setTarget } from "./draft-actions.ts";
import { planFromDraft } from "./draft-to-plan.ts";
import { planLoadState } from "./editable-plan.tsx";
import {
  type PlanDocument,
  reprogramacionRequiredOf,
  reprogramPlan,
  type SaveResult,
  updatePlan,
  usePlanDocument,
  validationIssuesOf,
  versionConflictOf,
} from "./formulation-api.ts";
import { IndicatorFields } from "./indicator-editor.tsx";
import { IssueSummary } from "./issue-summary.tsx";
import { IssuesProvider } from "./issues.tsx";
import { draftFromPlan, draftYears } from "./plan-draft.ts";
import { indicatorPath } from "./plan-paths.ts";
import {
  EMPTY_REPROGRAM,
  type ReprogramDraft,
  ReprogramFields,
  reprogramacionOf,
  reprogramIssuePath,
  reprogramIssues,
} from "./reprogram-fields.tsx";
import { usePlacedIssues, usePlanForm } from "./use-plan-form.ts";

type Place = { objectiveIndex: number; indicatorIndex: number };

function placeOf(plan: Plan, code: string): Place | null {
  for (const [objectiveIndex, objective] of plan.objectives.entries()) {
    const indicatorIndex = objective.indicators.findIndex((i) => i.code === code);
    if (indicatorIndex >= 0) return { objectiveIndex, indicatorIndex };
  }
  return null;
}

function FichaForm({
  document: planDocument,
  place,
  permissions,
}: {
  document: PlanDocument;
  place: Place;
  permissions: PlanPermissions | undefined;
}) {
  const queryClient = useQueryClient();
  const planId = planDocument.id;
  const form = usePlanForm(() => draftFromPlan(planDocument));
  const [saved, setSaved] = useState<{ plan: Plan; version: number }>(() => ({
    plan: planDocument,
    version: planDocument.currentVersion ?? planDocument.version,
  }));
  const [reprogram, setReprogram] = useState<ReprogramDraft>(EMPTY_REPROGRAM);
  const [notice, setNotice] = useState<string | null>(null);
  const inForce = planDocument.status === "vigente";
  const { objectiveIndex, indicatorIndex } = place;
  const indicator = form.draft.objectives[objectiveIndex]?.indicators[indicatorIndex];
  const candidate = useMemo(() => planFromDraft(form.draft).plan, [form.draft]);
  const programming = useMemo(
    () =>
      inForce && candidate !== null ? programmingChanges(diffPlans(saved.plan, candidate)) : [],
    [inForce, candidate, saved.plan],
  );
  const reprogramming = programming.length > 0;
  const placed = usePlacedIssues(form.issues ?? [], form.draft);

  const mutation = useMutation({
    mutationFn: (plan: Plan): Promise<SaveResult> =>
      reprogramming
        ? reprogramPlan(planId, saved.version, plan, reprogramacionOf(reprogram))
        : updatePlan(planId, saved.version, plan),
    onSuccess: async (result, plan) => {
      setSaved({ plan, version: result.version });
      setReprogram(EMPTY_REPROGRAM);
      form.setIssues(result.warnings);
      setNotice(`Ficha guardada: versión ${formatNumber(result.version)}.`);
      await queryClient.invalidateQueries({ queryKey: planKeys.detail(planId) });
    },
    onError: (error) => {
      setNotice(null);
      const reported = validationIssuesOf(error).map((issue) => ({
        ...issue,
        path: reprogramIssuePath(issue.path),
      }));
      if (reported.length > 0) form.report(reported);
    },
  });

  if (indicator === undefined) return null;
  const path = indicatorPath(objectiveIndex, indicatorIndex);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const { plan, issues } = planFromDraft(form.draft);
    const missing = reprogramming ? reprogramIssues(reprogram) : [];
    if (plan === null || missing.length > 0) {
      form.report([...issues, ...missing]);
      return;
    }
    mutation.mutate(plan);
  }

  const serverError =
    mutation.isError && validationIssuesOf(mutation.error).length === 0 ? mutation.error : null;
  return (
    <IssuesProvider issues={placed}>
      {notice !== null && (
        <FormSuccess>
          <p>
            {notice} <Link to={planPath(planId)}>Ver el plan</Link>
          </p>
        </FormSuccess>
      )}
      {serverError !== null && (
        <FormError>
          <p>
            No fue posible guardar: {errorMessage(serverError)}
            {versionConflictOf(serverError) !== null && " Recargue la página para ver lo guardado."}
            {reprogramacionRequiredOf(serverError) !== null &&
              " Complete la justificación y el acta."}
          </p>
        </FormError>
      )}
      <IssueSummary issues={placed} focusRequest={form.focusRequest} />
      <form className="plan-form" onSubmit={submit} noValidate>
        <IndicatorFields
          indicator={indicator}
          path={path}
          label={indicator.code}
          years={draftYears(form.draft)}
          onChange={(change) =>
            form.change(setIndicatorFields(objectiveIndex, indicatorIndex, change))
          }
          onTargetChange={(year, value) =>
            form.change(setTarget(objectiveIndex, indicatorIndex, year, value))
          }
        />
        {reprogramming && (
          <ReprogramFields
            value={reprogram}
            onChange={setReprogram}
            changes={programming}
            canReprogram={permissions?.actions["plan.reprogram"] === true}
          />
        )}
        <div className="form-footer">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending
              ? "Guardando…"
              : reprogramming
                ? "Guardar la reprogramación"
                : "Guardar la ficha"}
          </button>
          <Link to={planPath(planId)}>Volver al plan</Link>
          {inForce && <Link to={reprogramPlanPath(planId)}>Reprogramar varias metas</Link>}
        </div>
      </form>
    </IssuesProvider>
  );
}

function IndicatorEditLoader({
  planId,
  indicatorCode,
  userId,
}: {
  planId: number;
  indicatorCode: string;
  userId: number;
}) {
  const planDocument = usePlanDocument(planId);
  const permissions = usePlanPermissions(planId, userId);
  useDocumentTitle(`Ficha del indicador ${indicatorCode}`);
  const { page, plan } = planLoadState(planDocument);
  if (plan === null) return page;
  const place = placeOf(plan, indicatorCode);
  const mayEdit = permissions.data === undefined || permissions.data.actions["plan.edit"] === true;
  return (
    <div className="formulation">
      <p className="eyebrow">Ficha del indicador</p>
      <h1>Indicador {indicatorCode}</h1>
      <p className="plan-status">
        <Link to={planPath(planId)}>{plan.name}</Link> · versión{" "}
        {formatNumber(plan.currentVersion ?? plan.version)}
      </p>
      {place === null ? (
        <p>El plan no tiene el indicador {indicatorCode}.</p>
      ) : !mayEdit ? (
        <p>Su cuenta no puede editar este plan.</p>
      ) : (
        <FichaForm document={plan} place={place} permissions={permissions.data} />
      )}
    </div>
  );
}

export function IndicatorEditPage({
  planId,
  indicatorCode,
}: {
  planId: number;
  indicatorCode: string;
}) {
  return (
    <RequireSignIn>
      {(user) => (
        <IndicatorEditLoader planId={planId} indicatorCode={indicatorCode} userId={user.id} />
      )}
    </RequireSignIn>
  );
}
