/**
 * "Editar plan" (`/planes/:id/editar`): the editor loaded with the current
 * version. Saves carry `If-Match` with the version the person started from:
 * if someone else saved first the server refuses (VERSION_CONFLICT) and
 * nothing is lost. In a plan in force, changes of programación are a
 * reprogramación with justification and act (core's diff says which changes
 * are programación, the same rule the server applies).
 */
import { diffPlans, type Plan, programmingChanges } from "@rumbo/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { planPath } from "../../routes.ts";
import { errorMessage } from "../../shared/api/api-client.ts";
import { formatNumber } from "../../shared/format.ts";
import { Link, useSearch } from "../../shared/router.tsx";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import type { PlanPermissions } from "../plans/permissions-api.ts";
import { planKeys } from "../plans/plans-api.ts";
import { RequireSignIn } from "../session/session-guards.tsx";
import { checkDraft, planFromDraft } from "./draft-to-plan.ts";
import { type EditablePlanFormProps, planLoadState, useEditablePlan } from "./editable-plan.tsx";
import { editorParamsOf } from "./editor-params.ts";
import {
  type PlanChange,
  reprogramacionRequiredOf,
  reprogramPlan,
  type SaveResult,
  updatePlan,
  usePlanValidation,
  type VersionConflict,
  validationIssuesOf,
  versionConflictOf,
} from "./formulation-api.ts";
import { STATUS_LABELS } from "./formulation-format.ts";
import { IssueSummary } from "./issue-summary.tsx";
import { IssuesProvider } from "./issues.tsx";
import { draftFromPlan } from "./plan-draft.ts";
import { PlanEditor } from "./plan-editor.tsx";
import { fieldId, parentPath } from "./plan-paths.ts";
import {
  EMPTY_REPROGRAM,
  type ReprogramDraft,
  ReprogramFields,
  reprogramacionOf,
  reprogramIssuePath,
  reprogramIssues,
} from "./reprogram-fields.tsx";
import { usePlacedIssues, usePlanForm } from "./use-plan-form.ts";
import { VersionConflictNotice } from "./version-conflict.tsx";

type SaveRequest = { plan: Plan; reprogram: ReprogramDraft | null };

/** `?campo=objectives[0].name` (from the validation report): focus that field, or the nearest group. */
function useFocusField(path: string | null): void {
  useEffect(() => {
    if (path === null) return;
    let current = path;
    let target = document.getElementById(fieldId(current));
    while (target === null && current !== "") {
      current = parentPath(current);
      target = document.getElementById(fieldId(current));
    }
    target?.focus();
    target?.scrollIntoView?.({ block: "center" });
  }, [path]);
}

function EditPlanForm({
  document: planDocument,
  permissions,
  onReload,
  reloading,
}: EditablePlanFormProps) {
  const queryClient = useQueryClient();
  const planId = planDocument.id;
  const params = editorParamsOf(useSearch());
  const validation = usePlanValidation(planId, true);
  const form = usePlanForm(() => draftFromPlan(planDocument));
  const [saved, setSaved] = useState<{ plan: Plan; version: number }>(() => ({
    plan: planDocument,
    version: planDocument.currentVersion ?? planDocument.version,
  }));
  const [reprogram, setReprogram] = useState<ReprogramDraft>(EMPTY_REPROGRAM);
  const [serverRequires, setServerRequires] = useState<PlanChange[] | null>(null);
  const [conflict, setConflict] = useState<VersionConflict | null>(null);
  const [notice, setNotice] = useState<string | null>(
    params.created ? `Se creó el plan (versión ${formatNumber(planDocument.version)}).` : null,
  );
  useFocusField(params.field);

  const inForce = planDocument.status === "vigente";
  const candidate = useMemo(() => planFromDraft(form.draft).plan, [form.draft]);
  const localChanges = useMemo(
    () =>
      inForce && candidate !== null ? programmingChanges(diffPlans(saved.plan, candidate)) : [],
    [inForce, candidate, saved.plan],
  );
  const reprogramming =
    inForce && (params.reprogram || serverRequires !== null || localChanges.length > 0);
  const issues = form.issues ?? validation.data?.issues ?? [];
  const placed = usePlacedIssues(issues, form.draft);

  const mutation = useMutation({
    mutationFn: ({ plan, reprogram: r }: SaveRequest): Promise<SaveResult> =>
      r === null
        ? updatePlan(planId, saved.version, plan)
        : reprogramPlan(planId, saved.version, plan, reprogramacionOf(r)),
    onSuccess: async (result, request) => {
      setSaved({ plan: request.plan, version: result.version });
      form.setIssues(result.warnings);
      setServerRequires(null);
      setConflict(null);
      if (request.reprogram !== null) setReprogram(EMPTY_REPROGRAM);
      setNotice(
        `${request.reprogram === null ? "Cambios guardados" : "Reprogramación guardada"}: versión ${formatNumber(result.version)}.`,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.detail(planId) }),
        queryClient.invalidateQueries({ queryKey: planKeys.all, exact: true }),
      ]);
    },
    onError: (error) => {
      setNotice(null);
      const versionConflict = versionConflictOf(error);
      const required = reprogramacionRequiredOf(error);
      setConflict(versionConflict);
      if (required !== null) {
        setServerRequires(required);
        form.report([
          {
            code: "REPROGRAMACION_REQUIRED",
            severity: "error",
            path: "reprogramacion",
            message: `${errorMessage(error)} Complete la justificación y el acta para guardar como reprogramación.`,
          },
        ]);
        return;
      }
      const reported = validationIssuesOf(error).map((issue) => ({
        ...issue,
        path: reprogramIssuePath(issue.path),
      }));
      if (reported.length > 0) form.report(reported);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    // The draft's typing, then core's rules: what the server would refuse is not sent.
    const { plan, issues: local, canSend } = checkDraft(form.draft);
    const missing = reprogramming ? reprogramIssues(reprogram) : [];
    if (plan === null || !canSend || missing.length > 0) {
      form.report([...local, ...missing]);
      return;
    }
    setConflict(null);
    mutation.mutate({ plan, reprogram: reprogramming ? reprogram : null });
  }

  const otherError =
    mutation.isError &&
    conflict === null &&
    serverRequires === null &&
    validationIssuesOf(mutation.error).length === 0;
  return (
    <IssuesProvider issues={placed}>
      {conflict !== null && (
        <VersionConflictNotice conflict={conflict} onReload={onReload} reloading={reloading} />
      )}
      {notice !== null && (
        <FormSuccess>
          <p>
            {notice} <Link to={planPath(planId)}>Ver el plan</Link>
          </p>
        </FormSuccess>
      )}
      {otherError && (
        <FormError>
          <p>No fue posible guardar: {errorMessage(mutation.error)}</p>
        </FormError>
      )}
      <IssueSummary issues={placed} focusRequest={form.focusRequest} />
      <form className="plan-form" onSubmit={submit} noValidate aria-labelledby="titulo-editar-plan">
        <PlanEditor
          draft={form.draft}
          onChange={form.change}
          onStructureChange={form.changeStructure}
        />
        {reprogramming && (
          <ReprogramFields
            value={reprogram}
            onChange={setReprogram}
            changes={localChanges.length > 0 ? localChanges : (serverRequires ?? [])}
            canReprogram={permissions?.actions["plan.reprogram"] === true}
          />
        )}
        <div className="form-footer">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending
              ? "Guardando…"
              : reprogramming
                ? "Guardar la reprogramación"
                : "Guardar cambios"}
          </button>
          <Link to={planPath(planId)}>Volver al plan</Link>
        </div>
      </form>
    </IssuesProvider>
  );
}

function mayChange(permissions: PlanPermissions | undefined): boolean {
  if (permissions === undefined) return true;
  return (
    permissions.actions["plan.edit"] === true || permissions.actions["plan.reprogram"] === true
  );
}

function EditPlanLoader({ planId, userId }: { planId: number; userId: number }) {
  const { planDocument, permissions, generation, reloading, reload } = useEditablePlan(
    planId,
    userId,
  );
  useDocumentTitle(planDocument.data ? `Editar ${planDocument.data.code}` : "Editar plan");
  const { page, plan } = planLoadState(planDocument);
  if (plan === null) return page;
  return (
    <div className="formulation">
      <p className="eyebrow">Editar plan</p>
      <h1 id="titulo-editar-plan">{plan.name}</h1>
      <p className="plan-status">
        {plan.code} · {STATUS_LABELS[plan.status]} · versión{" "}
        {formatNumber(plan.currentVersion ?? plan.version)}
      </p>
      {!mayChange(permissions.data) ? (
        <p>
          Su cuenta no puede editar ni reprogramar este plan.{" "}
          <Link to={planPath(planId)}>Ver el plan</Link>.
        </p>
      ) : (
        <>
          {plan.status === "vigente" && (
            <p className="callout">
              El plan está en vigencia. Los cambios de textos se guardan como edición; los de metas,
              totales o ponderaciones, como reprogramación con justificación y acta.
            </p>
          )}
          <EditPlanForm
            key={generation}
            document={plan}
            permissions={permissions.data}
            onReload={() => void reload()}
            reloading={reloading}
          />
        </>
      )}
    </div>
  );
}

export function EditPlanPage({ planId }: { planId: number }) {
  return (
    <RequireSignIn>{(user) => <EditPlanLoader planId={planId} userId={user.id} />}</RequireSignIn>
  );
}
