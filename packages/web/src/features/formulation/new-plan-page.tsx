/**
 * "Nuevo plan" (`/planes/nuevo`): the plan written from scratch and created
 * with `POST /api/plans`. On success the person lands in the plan's editor,
 * which shows the validation warnings next to their fields.
 */
import { api, assertUnreachable } from "@rumbo/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { planListPath } from "../../routes.ts";
import { errorMessage, isCallError, isTransportOrClientCode } from "../../shared/api/api-client.ts";
import { Link, navigate } from "../../shared/router.tsx";
import { FormError } from "../../shared/ui/form-messages.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { planKeys } from "../plans/plans-api.ts";
import { RequireSignIn } from "../session/session-guards.tsx";
import { canCreatePlans } from "./can-create-plans.ts";
import { checkDraft } from "./draft-to-plan.ts";
import { createdPlanPath } from "./editor-params.ts";
import { createPlan, type ValidationIssue, validationIssuesOf } from "./formulation-api.ts";
import { IssueSummary } from "./issue-summary.tsx";
import { IssuesProvider } from "./issues.tsx";
import { emptyPlanDraft } from "./plan-draft.ts";
import { PlanEditor } from "./plan-editor.tsx";
import { usePlacedIssues, usePlanForm } from "./use-plan-form.ts";

const PAGE_TITLE = "Nuevo plan";

/** The issues to place on the form for a failed createPlan; the message shows the rest. */
function issuesOfError(error: unknown): ValidationIssue[] {
  if (!isCallError(error, api.createPlan) || isTransportOrClientCode(error.code)) return [];
  switch (error.code) {
    case "VALIDATION_FAILED":
      return validationIssuesOf(error);
    // It names a field: show it there too.
    case "PLAN_CODE_TAKEN":
      return [{ code: error.code, severity: "error", path: "code", message: error.message }];
    case "VALIDATION_ERROR":
    case "AUTH_REQUIRED":
    case "FORBIDDEN":
    case "PASSWORD_CHANGE_REQUIRED":
    case "CSRF_INVALID":
      return [];
    default:
      return assertUnreachable(error.code);
  }
}

function NewPlanForm() {
  const queryClient = useQueryClient();
  const form = usePlanForm(emptyPlanDraft);
  const placed = usePlacedIssues(form.issues ?? [], form.draft);

  const mutation = useMutation({
    mutationFn: createPlan,
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: planKeys.all, exact: true });
      navigate(createdPlanPath(created.id));
    },
    onError: (error) => form.report(issuesOfError(error)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    // The draft's typing, then core's rules: what the server would refuse is not sent.
    const { plan, issues, canSend } = checkDraft(form.draft);
    if (plan === null || !canSend) {
      form.report(issues);
      return;
    }
    form.setIssues([]);
    mutation.mutate(plan);
  }

  const otherError = mutation.isError && issuesOfError(mutation.error).length === 0;
  return (
    <IssuesProvider issues={placed}>
      <IssueSummary issues={placed} focusRequest={form.focusRequest} />
      {otherError && (
        <FormError>
          <p>No fue posible crear el plan: {errorMessage(mutation.error)}</p>
        </FormError>
      )}
      <form className="plan-form" onSubmit={submit} noValidate aria-labelledby="titulo-nuevo-plan">
        <PlanEditor
          draft={form.draft}
          onChange={form.change}
          onStructureChange={form.changeStructure}
        />
        <div className="form-footer">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? "Creando el plan…" : "Crear el plan"}
          </button>
          <Link to={planListPath}>Cancelar</Link>
        </div>
      </form>
    </IssuesProvider>
  );
}

export function NewPlanPage() {
  useDocumentTitle(PAGE_TITLE);
  return (
    <div className="formulation">
      <h1 id="titulo-nuevo-plan">{PAGE_TITLE}</h1>
      <RequireSignIn>
        {(user) =>
          canCreatePlans(user.assignments) ? (
            <>
              <p>
                Escriba los datos del plan, sus objetivos e indicadores con la programación y las
                ponderaciones de cada vigencia. Puede guardarlo con advertencias y completarlo
                después.
              </p>
              <NewPlanForm />
            </>
          ) : (
            <p>
              Su cuenta no tiene un rol que permita crear planes (planeación o administración con
              alcance global). <Link to={planListPath}>Ver los planes</Link>.
            </p>
          )
        }
      </RequireSignIn>
    </div>
  );
}
