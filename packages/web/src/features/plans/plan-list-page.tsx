import { useEffect } from "react";
import { planPath } from "../../routes.ts";
import { formatNumber, formatYears } from "../../shared/format.ts";
import { Link, navigate } from "../../shared/router.tsx";
import { ErrorState, LoadingState } from "../../shared/ui/query-state.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { PlanListActions } from "../formulation/plan-list-actions.tsx";
import { type PlanSummary, usePlans } from "./plans-api.ts";

const PAGE_TITLE = "Planes estratégicos";

function count(n: number, singular: string, plural: string): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

function PlanCard({ plan }: { plan: PlanSummary }) {
  return (
    <li className="plan-card">
      <h2>
        <Link to={planPath(plan.id)}>{plan.name}</Link>
      </h2>
      <dl className="facts">
        <div>
          <dt>Código</dt>
          <dd>{plan.code}</dd>
        </div>
        {plan.entity != null && (
          <div>
            <dt>Entidad</dt>
            <dd>{plan.entity}</dd>
          </div>
        )}
        <div>
          <dt>Vigencias</dt>
          <dd>{formatYears(plan.years)}</dd>
        </div>
        <div>
          <dt>Contenido</dt>
          <dd>
            {count(plan.objectiveCount, "objetivo", "objetivos")},{" "}
            {count(plan.indicatorCount, "indicador", "indicadores")}
          </dd>
        </div>
      </dl>
    </li>
  );
}

/**
 * The list of plans. At the home page (`openSinglePlan`) an installation with
 * one plan goes straight to it; /planes always shows the list.
 */
export function PlanListPage({ openSinglePlan = false }: { openSinglePlan?: boolean }) {
  const plans = usePlans();
  const onlyPlanId = openSinglePlan && plans.data?.length === 1 ? plans.data[0]?.id : undefined;
  useDocumentTitle(PAGE_TITLE);

  useEffect(() => {
    if (onlyPlanId !== undefined) navigate(planPath(onlyPlanId), { replace: true });
  }, [onlyPlanId]);

  if (plans.isPending || onlyPlanId !== undefined) {
    return <LoadingState message="Cargando los planes…" />;
  }
  if (plans.isError) {
    return <ErrorState title="No fue posible cargar los planes" error={plans.error} />;
  }
  return (
    <>
      <h1>{PAGE_TITLE}</h1>
      <PlanListActions />
      {plans.data.length === 0 ? (
        <p>Aún no hay planes cargados.</p>
      ) : (
        <ul className="plan-list">
          {plans.data.map((plan) => (
            <PlanCard key={plan.id} plan={plan} />
          ))}
        </ul>
      )}
    </>
  );
}
