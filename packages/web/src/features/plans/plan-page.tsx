import { formatYears } from "../../shared/format.ts";
import { ErrorState, LoadingState } from "../../shared/ui/query-state.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { ObjectiveSection, objectiveAnchor, objectiveTitle } from "./objective-section.tsx";
import { type PlanDetail, usePlan } from "./plans-api.ts";

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

function PlanView({ plan }: { plan: PlanDetail }) {
  return (
    <article className="plan">
      <div className="page-heading">
        <p className="eyebrow">Plan estratégico</p>
        <h1>{plan.name}</h1>
        <PlanFacts plan={plan} />
      </div>
      <StrategicPlatform plan={plan} />
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
          <ObjectiveSection key={objective.code} objective={objective} years={plan.years} />
        ))}
      </section>
      {plan.source !== undefined && <p className="source">Fuente: {plan.source}</p>}
    </article>
  );
}

export function PlanPage({ planId }: { planId: number }) {
  const plan = usePlan(planId);
  useDocumentTitle(
    plan.data?.name ?? (plan.isError ? "Error al cargar el plan" : "Cargando el plan"),
  );
  if (plan.isPending) return <LoadingState message="Cargando el plan…" />;
  if (plan.isError) return <ErrorState title="No fue posible cargar el plan" error={plan.error} />;
  return <PlanView plan={plan.data} />;
}
