/**
 * "Reprogramar" (`/planes/:id/reprogramar`): the reprogramación of a plan in
 * force on one focused page. A grid with one row per indicator and, per
 * vigencia, its programación and its weight; a filter by objective, code or
 * meta; and beside it, always in view, the live list of changes (core's
 * diffPlans of the draft against the version started from), the
 * justification, the acta and the date it applies from. The save names that
 * version (If-Match), as every write of a plan does.
 */
import { diffPlans, type Plan } from "@rumbo/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useMemo, useState } from "react";
import { editIndicatorPath, editPlanPath, planPath, planVersionsPath } from "../../routes.ts";
import { errorMessage } from "../../shared/api/api-client.ts";
import { formatNumber } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { planKeys } from "../plans/plans-api.ts";
import { RequireSignIn } from "../session/session-guards.tsx";
import { type DraftUpdate, setTarget, setWeight } from "./draft-actions.ts";
import { CellInput } from "./draft-fields.tsx";
import { planFromDraft } from "./draft-to-plan.ts";
import { type EditablePlanFormProps, planLoadState, useEditablePlan } from "./editable-plan.tsx";
import {
  reprogramPlan,
  type VersionConflict,
  validationIssuesOf,
  versionConflictOf,
} from "./formulation-api.ts";
import { IssueSummary } from "./issue-summary.tsx";
import { IssuesProvider } from "./issues.tsx";
import { draftFromPlan, draftYears, type PlanDraft } from "./plan-draft.ts";
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
import { VersionConflictNotice } from "./version-conflict.tsx";

type Row = {
  objectiveIndex: number;
  indicatorIndex: number;
  objectiveCode: string;
  code: string;
  goalCode: string;
  name: string;
};

const SHORT_NAME = 60;

function shortName(name: string): string {
  return name.length <= SHORT_NAME ? name : `${name.slice(0, SHORT_NAME - 1).trimEnd()}…`;
}

function rowsOf(draft: PlanDraft): Row[] {
  return draft.objectives.flatMap((objective, objectiveIndex) =>
    objective.indicators.map((indicator, indicatorIndex) => ({
      objectiveIndex,
      indicatorIndex,
      objectiveCode: objective.code,
      code: indicator.code,
      goalCode: indicator.goalCode,
      name: indicator.name,
    })),
  );
}

/** "2153", "objetivo 4", "4075", a word of the name: what a planner types to find one meta. */
export function matchesFilter(row: Row, filter: string): boolean {
  const wanted = filter.trim().toLocaleLowerCase("es-CO");
  if (wanted === "") return true;
  const objective = `objetivo ${row.objectiveCode}`.toLocaleLowerCase("es-CO");
  return (
    row.code.toLocaleLowerCase("es-CO") === wanted ||
    row.goalCode.toLocaleLowerCase("es-CO") === wanted ||
    objective === wanted ||
    row.objectiveCode.toLocaleLowerCase("es-CO") === wanted ||
    row.name.toLocaleLowerCase("es-CO").includes(wanted)
  );
}

function ProgrammingGrid({
  planId,
  draft,
  years,
  filter,
  onChange,
}: {
  planId: number;
  draft: PlanDraft;
  years: readonly number[];
  filter: string;
  onChange: (update: DraftUpdate) => void;
}) {
  const rows = rowsOf(draft).filter((row) => matchesFilter(row, filter));
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll container must take focus to scroll by keyboard.
    <section className="table-scroll" aria-labelledby="rejilla-reprogramacion" tabIndex={0}>
      <table className="indicators reprogram-grid">
        <caption id="rejilla-reprogramacion">
          Programación y ponderación por indicador ({formatNumber(rows.length)}{" "}
          {rows.length === 1 ? "indicador" : "indicadores"})
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Indicador
            </th>
            {years.map((year) => (
              <th key={year} scope="colgroup" colSpan={2} className="number">
                {year}
              </th>
            ))}
          </tr>
          <tr>
            {years.map((year) => [
              <th key={`${year}-meta`} scope="col" className="number">
                Meta
              </th>,
              <th key={`${year}-peso`} scope="col" className="number">
                Peso %
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const indicator = draft.objectives[row.objectiveIndex]?.indicators[row.indicatorIndex];
            if (indicator === undefined) return null;
            const path = indicatorPath(row.objectiveIndex, row.indicatorIndex);
            return (
              <tr key={indicator.key}>
                <th scope="row">
                  <span className="nowrap">
                    Obj. {row.objectiveCode} ·{" "}
                    <Link
                      to={editIndicatorPath(planId, row.code)}
                      aria-label={`Ficha del indicador ${row.code}`}
                    >
                      {row.code}
                    </Link>
                  </span>
                  {row.goalCode !== "" && <span className="note"> meta {row.goalCode}</span>}
                  <span className="reprogram-name" title={row.name}>
                    {shortName(row.name)}
                  </span>
                </th>
                {years.map((year) => [
                  <td key={`${year}-meta`} className="number">
                    <CellInput
                      path={`${path}.targets.${year}`}
                      label={`Programación ${year} del indicador ${row.code}`}
                      value={indicator.targets[String(year)] ?? ""}
                      onValueChange={(value) =>
                        onChange(
                          setTarget(row.objectiveIndex, row.indicatorIndex, String(year), value),
                        )
                      }
                    />
                  </td>,
                  <td key={`${year}-peso`} className="number">
                    <CellInput
                      path={`${path}.weight.${year}`}
                      label={`Ponderación del indicador ${row.code} en ${year} (%)`}
                      value={indicator.weights[String(year)] ?? ""}
                      onValueChange={(value) =>
                        onChange(
                          setWeight(row.objectiveIndex, row.indicatorIndex, String(year), value),
                        )
                      }
                    />
                  </td>,
                ])}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && <p>Ningún indicador coincide con el filtro.</p>}
    </section>
  );
}

function ReprogramForm({
  document: planDocument,
  permissions,
  onReload,
  reloading,
}: EditablePlanFormProps) {
  const queryClient = useQueryClient();
  const planId = planDocument.id;
  const filterId = useId();
  const form = usePlanForm(() => draftFromPlan(planDocument));
  const [saved, setSaved] = useState<{ plan: Plan; version: number }>(() => ({
    plan: planDocument,
    version: planDocument.currentVersion ?? planDocument.version,
  }));
  const [reprogram, setReprogram] = useState<ReprogramDraft>(EMPTY_REPROGRAM);
  const [filter, setFilter] = useState("");
  const [conflict, setConflict] = useState<VersionConflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const years = draftYears(form.draft) ?? planDocument.years;

  const candidate = useMemo(() => planFromDraft(form.draft).plan, [form.draft]);
  const changes = useMemo(
    () => (candidate === null ? [] : diffPlans(saved.plan, candidate)),
    [candidate, saved.plan],
  );
  const placed = usePlacedIssues(form.issues ?? [], form.draft);

  const mutation = useMutation({
    mutationFn: (plan: Plan) =>
      reprogramPlan(planId, saved.version, plan, reprogramacionOf(reprogram)),
    onSuccess: async (result, plan) => {
      setSaved({ plan, version: result.version });
      setReprogram(EMPTY_REPROGRAM);
      setConflict(null);
      form.setIssues(result.warnings.filter((w) => w.severity === "error"));
      setNotice(`Reprogramación guardada: versión ${formatNumber(result.version)}.`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.detail(planId) }),
        queryClient.invalidateQueries({ queryKey: planKeys.all, exact: true }),
      ]);
    },
    onError: (error) => {
      setNotice(null);
      setConflict(versionConflictOf(error));
      const reported = validationIssuesOf(error).map((issue) => ({
        ...issue,
        path: reprogramIssuePath(issue.path),
      }));
      if (reported.length > 0) form.report(reported);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const { plan, issues: local } = planFromDraft(form.draft);
    const missing = reprogramIssues(reprogram);
    if (plan !== null && changes.length === 0) {
      form.report([
        {
          code: "local.no-changes",
          severity: "error",
          path: "reprogramacion",
          message: "No hay cambios que reprogramar: cambie una meta o una ponderación.",
        },
      ]);
      return;
    }
    if (plan === null || missing.length > 0) {
      form.report([...local, ...missing]);
      return;
    }
    setConflict(null);
    mutation.mutate(plan);
  }

  const otherError =
    mutation.isError && conflict === null && validationIssuesOf(mutation.error).length === 0;
  return (
    <IssuesProvider issues={placed}>
      {conflict !== null && (
        <VersionConflictNotice conflict={conflict} onReload={onReload} reloading={reloading} />
      )}
      {otherError && (
        <FormError>
          <p>No fue posible guardar: {errorMessage(mutation.error)}</p>
        </FormError>
      )}
      <IssueSummary issues={placed} focusRequest={form.focusRequest} />
      <form className="reprogram-layout" onSubmit={submit} noValidate>
        <div className="reprogram-main">
          <div className="field reprogram-filter">
            <label htmlFor={filterId}>Filtrar por objetivo, código, meta o nombre</label>
            <input
              id={filterId}
              type="search"
              value={filter}
              placeholder="Por ejemplo: 2153"
              autoComplete="off"
              onChange={(event) => setFilter(event.target.value)}
            />
          </div>
          <ProgrammingGrid
            planId={planId}
            draft={form.draft}
            years={years}
            filter={filter}
            onChange={form.change}
          />
          <p className="note">
            Escriba los números con coma decimal (70,72). Una meta vacía o 0 es no programada (NP).
            Para cambiar los textos de la ficha de un indicador, use su ficha o{" "}
            <Link to={editPlanPath(planId)}>el editor del plan</Link>.
          </p>
        </div>
        <aside className="reprogram-aside" aria-label="Cambios y acta de la reprogramación">
          {notice !== null && (
            <FormSuccess>
              <p>
                {notice} <Link to={planVersionsPath(planId)}>Ver el historial</Link>
              </p>
            </FormSuccess>
          )}
          {candidate === null && (
            <p className="field-error">Corrija los valores marcados para ver los cambios.</p>
          )}
          {changes.length === 0 && candidate !== null && (
            <p>Aún no hay cambios frente a la versión {formatNumber(saved.version)}.</p>
          )}
          <ReprogramFields
            value={reprogram}
            onChange={setReprogram}
            changes={changes}
            canReprogram={permissions?.actions["plan.reprogram"] === true}
          />
          <div className="form-footer">
            <button type="submit" className="button" disabled={mutation.isPending}>
              {mutation.isPending ? "Guardando…" : "Guardar la reprogramación"}
            </button>
            <Link to={planPath(planId)}>Volver al plan</Link>
          </div>
        </aside>
      </form>
    </IssuesProvider>
  );
}

function ReprogramLoader({ planId, userId }: { planId: number; userId: number }) {
  const { planDocument, permissions, generation, reloading, reload } = useEditablePlan(
    planId,
    userId,
  );
  useDocumentTitle(planDocument.data ? `Reprogramar ${planDocument.data.code}` : "Reprogramar");
  const { page, plan } = planLoadState(planDocument);
  if (plan === null) return page;
  return (
    <div className="formulation reprogram-page">
      <p className="eyebrow">Reprogramar</p>
      <h1>{plan.name}</h1>
      <p className="plan-status">
        {plan.code} · versión {formatNumber(plan.currentVersion ?? plan.version)}
      </p>
      {plan.status !== "vigente" ? (
        <p>
          El plan está en formulación: su programación se cambia en{" "}
          <Link to={editPlanPath(planId)}>el editor del plan</Link>, sin reprogramación.
        </p>
      ) : permissions.data !== undefined && permissions.data.actions["plan.reprogram"] !== true ? (
        <p>
          Su cuenta no puede reprogramar este plan. <Link to={planPath(planId)}>Ver el plan</Link>.
        </p>
      ) : (
        <ReprogramForm
          key={generation}
          document={plan}
          permissions={permissions.data}
          onReload={() => void reload()}
          reloading={reloading}
        />
      )}
    </div>
  );
}

export function ReprogramPage({ planId }: { planId: number }) {
  return (
    <RequireSignIn>{(user) => <ReprogramLoader planId={planId} userId={user.id} />}</RequireSignIn>
  );
}
