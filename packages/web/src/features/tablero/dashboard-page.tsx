/**
 * Tablero de seguimiento (`/planes/:id/tablero`): the plan and each objective
 * for a vigencia or the cuatrienio at a fecha de corte, counters by semáforo,
 * alerts and ritmo. Every number comes from getDashboard (the engine).
 */
import { ALERT_KIND_LABELS, dashboardObjectivesChart } from "@rumbo/core";
import { useMemo, useState } from "react";
import { dashboardObjectivePath, indicatorPath, planPath } from "../../routes.ts";
import { formatDate } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { LoadingState } from "../../shared/ui/query-state.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { CorteInformeLinks } from "../seguimiento/informe-links.tsx";
import { ProtectedPageError } from "../session/session-guards.tsx";
import { ChartFigure } from "./chart-figure.tsx";
import { ChangeNote } from "./corte-change.tsx";
import { ExplainPanel } from "./explain-panel.tsx";
import { ComplianceValue, formatCompliance } from "./semaforo.tsx";
import { type Dashboard, useDashboard } from "./tablero-api.ts";
import { dashboardQuery, type TableroView, viewSearch, vigenciaLabel } from "./tablero-query.ts";
import { useTableroView, ViewForm } from "./tablero-view.tsx";
import "./tablero.css";

const COUNTERS: { key: keyof Dashboard["counters"]; label: string }[] = [
  { key: "verde", label: "Verde" },
  { key: "amarillo", label: "Amarillo" },
  { key: "rojo", label: "Rojo" },
  { key: "sinReporte", label: "Sin reporte" },
  { key: "sobreEjecucion", label: "Sobre-ejecución" },
  { key: "np", label: "No programado (NP)" },
  { key: "pendiente", label: "Pendiente" },
  { key: "enRiesgo", label: "En riesgo" },
];

/** Core's names of the kinds of alert (the informe uses the same). */
export const ALERT_TEXT: Record<Dashboard["alerts"][number]["kind"], string> = ALERT_KIND_LABELS;

export function Counters({ counters }: { counters: Dashboard["counters"] }) {
  return (
    <section aria-labelledby="contadores">
      <h2 id="contadores">Indicadores por estado</h2>
      <dl className="counters">
        {COUNTERS.map(({ key, label }) => (
          <div key={key} className={`counter counter-${key}`}>
            <dt>{label}</dt>
            <dd>{counters[key]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Alerts shown at first: a big plan has thousands, most pages need the worst few. */
export const FIRST_ALERTS = 50;

function Alerts({
  planId,
  dashboard,
  view,
}: {
  planId: number;
  dashboard: Dashboard;
  view: TableroView;
}) {
  const [showAll, setShowAll] = useState(false);
  const { alerts } = dashboard;
  // Core sorts them by severity: the first ones are the rojos and the sin reporte.
  const shown = showAll ? alerts : alerts.slice(0, FIRST_ALERTS);
  return (
    <section aria-labelledby="alertas">
      <h2 id="alertas">Alertas</h2>
      {alerts.length === 0 ? (
        <p>No hay alertas para esta vista.</p>
      ) : (
        <>
          {shown.length < alerts.length && (
            <p className="note">
              Se muestran las primeras {shown.length} de {alerts.length} alertas, las más graves
              primero.
            </p>
          )}
          <ul className="alerts">
            {shown.map((alert) => (
              <li key={`${alert.kind}-${alert.indicator}`} className={`alert alert-${alert.kind}`}>
                <span className="alert-kind">{ALERT_TEXT[alert.kind]}</span>{" "}
                <Link to={`${indicatorPath(planId, alert.indicator)}${viewSearch(view)}`}>
                  Indicador {alert.indicator}: {alert.name}
                </Link>{" "}
                <span className="note">(objetivo {alert.objective})</span> — {alert.message}
              </li>
            ))}
          </ul>
          {shown.length < alerts.length && (
            <button type="button" className="button" onClick={() => setShowAll(true)}>
              Mostrar las {alerts.length} alertas
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** Empty state: no indicator of the view has a reported value yet. */
export function hasReports(dashboard: Dashboard): boolean {
  return dashboard.objectives.some((objective) =>
    objective.indicators.some((indicator) => indicator.actual !== null),
  );
}

function DashboardView({
  planId,
  dashboard,
  view,
}: {
  planId: number;
  dashboard: Dashboard;
  view: TableroView;
}) {
  const query = dashboardQuery(view);
  const chart = useMemo(() => dashboardObjectivesChart(dashboard), [dashboard]);
  return (
    <>
      <section aria-labelledby="cumplimiento-plan" className="plan-summary">
        <h2 id="cumplimiento-plan">Cumplimiento del plan</h2>
        {!hasReports(dashboard) && (
          <p className="empty-state">
            Aún no hay avances reportados en {vigenciaLabel(view.vigencia)}
            {view.corte === null ? "" : ` al ${formatDate(view.corte)}`}: cada indicador con meta
            cuenta como sin reporte.
          </p>
        )}
        <p className="big-number">
          <ComplianceValue status={dashboard.status} compliance={dashboard.compliance} />
        </p>
        <p>
          {dashboard.previousCorte === null ? (
            <span className="note">No hay un corte cerrado anterior con el cual comparar.</span>
          ) : (
            <ChangeNote change={dashboard.change} corte={dashboard.previousCorte} />
          )}
        </p>
        {dashboard.progress !== null && (
          <p>Avance hacia la meta del cuatrienio: {formatCompliance(dashboard.progress)}</p>
        )}
        {dashboard.ritmo !== null && (
          <p className="note">
            Ritmo al {formatDate(dashboard.ritmo.asOf)}: ha transcurrido{" "}
            {formatCompliance(dashboard.ritmo.elapsed)} de la vigencia {dashboard.ritmo.year}; un
            indicador está en riesgo si su proyección termina por debajo de{" "}
            {formatCompliance(dashboard.ritmo.threshold)}.
          </p>
        )}
        <ExplainPanel planId={planId} query={query} label="el cumplimiento del plan" />
      </section>
      <Counters counters={dashboard.counters} />
      <section aria-labelledby="objetivos-tablero">
        <h2 id="objetivos-tablero">Objetivos</h2>
        <ChartFigure chart={chart} height={72 + 30 * dashboard.objectives.length} />
        <ul className="objective-cards">
          {dashboard.objectives.map((objective) => (
            <li key={objective.code}>
              <article aria-labelledby={`objetivo-${objective.code}`} className="objective-card">
                <h3 id={`objetivo-${objective.code}`}>
                  <Link to={`${dashboardObjectivePath(planId, objective.code)}${viewSearch(view)}`}>
                    Objetivo {objective.code}
                  </Link>
                </h3>
                <p className="objective-name">{objective.name}</p>
                <p>
                  <ComplianceValue status={objective.status} compliance={objective.compliance} />
                </p>
                {dashboard.previousCorte !== null && (
                  <p>
                    <ChangeNote change={objective.change} corte={dashboard.previousCorte} />
                  </p>
                )}
                <p className="note">
                  Participación en el plan:{" "}
                  {objective.share === null ? "no cuenta" : formatCompliance(objective.share)}
                </p>
                <ExplainPanel
                  planId={planId}
                  query={{ ...query, objective: objective.code }}
                  label={`el cumplimiento del objetivo ${objective.code}`}
                />
              </article>
            </li>
          ))}
        </ul>
      </section>
      <Alerts planId={planId} dashboard={dashboard} view={view} />
    </>
  );
}

export function DashboardPage({ planId }: { planId: number }) {
  const view = useTableroView();
  const dashboard = useDashboard(planId, dashboardQuery(view));
  useDocumentTitle(
    dashboard.data
      ? `Tablero — ${dashboard.data.plan.name}`
      : dashboard.isError
        ? "Error al cargar el tablero"
        : "Cargando el tablero",
  );
  if (dashboard.isPending) return <LoadingState message="Cargando el tablero…" />;
  if (dashboard.isError)
    return <ProtectedPageError title="No fue posible cargar el tablero" error={dashboard.error} />;
  const data = dashboard.data;
  return (
    <article className="tablero">
      <div className="page-heading">
        <p className="eyebrow">
          <Link to={planPath(planId)}>{data.plan.name}</Link>
        </p>
        <h1>Tablero de seguimiento</h1>
        <p>
          {vigenciaLabel(view.vigencia)} ·{" "}
          {view.corte === null
            ? "sin fecha de corte (todas las vigencias)"
            : `corte ${formatDate(view.corte)}`}
        </p>
      </div>
      <ViewForm key={viewSearch(view)} years={data.years} view={view} />
      <DashboardView planId={planId} dashboard={data} view={view} />
      <CorteInformeLinks planId={planId} periodEnd={view.corte} knownAt={view.extra.knownAt} />
    </article>
  );
}
