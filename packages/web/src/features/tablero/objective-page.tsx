/**
 * One objective of the tablero (`/planes/:id/tablero/objetivos/:code`): its
 * indicators with this view's weight, renormalised share, target, actual,
 * compliance and semáforo, in a sortable table. Numbers from getDashboard.
 */
import { objectiveContributionsChart } from "@rumbo/core";
import { useMemo, useState } from "react";
import { dashboardPath, indicatorPath } from "../../routes.ts";
import { formatDate, formatNumber, formatPercentPoints, formatValue } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { NotFoundPage } from "../../shared/ui/not-found-page.tsx";
import { LoadingState } from "../../shared/ui/query-state.tsx";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { ProtectedPageError } from "../session/session-guards.tsx";
import { ChartFigure } from "./chart-figure.tsx";
import { ChangeNote } from "./corte-change.tsx";
import { ExplainPanel } from "./explain-panel.tsx";
import { ComplianceValue, formatCompliance } from "./semaforo.tsx";
import { type Dashboard, useDashboard } from "./tablero-api.ts";
import { dashboardQuery, type TableroView, viewSearch, vigenciaLabel } from "./tablero-query.ts";
import { useTableroView, ViewForm } from "./tablero-view.tsx";
import "./tablero.css";

type Row = Dashboard["objectives"][number]["indicators"][number];

const COLUMNS = [
  { key: "code", label: "Código" },
  { key: "name", label: "Indicador" },
  { key: "weight", label: "Peso" },
  { key: "share", label: "Participación" },
  { key: "target", label: "Meta" },
  { key: "actual", label: "Avance" },
  { key: "compliance", label: "Cumplimiento" },
] as const;
type SortKey = (typeof COLUMNS)[number]["key"];
type Sort = { key: SortKey; direction: "ascending" | "descending" };

/** Orders rows by a column; rows without a value go last. Only the order changes, no number. */
export function sortRows(rows: readonly Row[], sort: Sort | null): Row[] {
  if (sort === null) return [...rows];
  const sign = sort.direction === "ascending" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    if (x === null) return y === null ? 0 : 1;
    if (y === null) return -1;
    if (typeof x === "number" && typeof y === "number") return sign * (x - y);
    return sign * String(x).localeCompare(String(y), "es-CO", { numeric: true });
  });
}

function Measured({ value, unit }: { value: number | null; unit: string | null }) {
  if (value === null) return <>—</>;
  return <>{formatValue(value, unit ?? undefined)}</>;
}

function IndicatorsTable({
  planId,
  rows,
  objectiveCode,
  view,
  previousCorte,
}: {
  planId: number;
  rows: readonly Row[];
  objectiveCode: string;
  view: TableroView;
  previousCorte: Dashboard["previousCorte"];
}) {
  const [sort, setSort] = useState<Sort | null>(null);
  const captionId = `indicadores-objetivo-${objectiveCode}`;
  const sorted = sortRows(rows, sort);
  return (
    <ScrollRegion labelledBy={captionId}>
      <table className="tablero-table">
        <caption id={captionId}>Indicadores del objetivo {objectiveCode}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const current = sort?.key === column.key ? sort.direction : undefined;
              return (
                <th key={column.key} scope="col" aria-sort={current ?? "none"}>
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() =>
                      setSort({
                        key: column.key,
                        direction: current === "ascending" ? "descending" : "ascending",
                      })
                    }
                  >
                    {column.label}
                    <span aria-hidden="true">
                      {current === "ascending" ? " ↑" : current === "descending" ? " ↓" : " ↕"}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col">Ritmo</th>
            {previousCorte !== null && <th scope="col">Desde el corte anterior</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.code}>
              <th scope="row">
                <Link to={`${indicatorPath(planId, row.code)}${viewSearch(view)}`}>{row.code}</Link>
              </th>
              <td>{row.name}</td>
              <td>{formatPercentPoints(row.weight)}</td>
              <td>{row.share === null ? "no cuenta" : formatCompliance(row.share)}</td>
              <td>
                {row.status === "np" ? (
                  <abbr title="No programado">NP</abbr>
                ) : (
                  <Measured value={row.target} unit={row.unit} />
                )}
              </td>
              <td>
                <Measured value={row.actual} unit={row.unit} />
              </td>
              <td>
                <ComplianceValue status={row.status} compliance={row.compliance} />
                {row.overExecution && (
                  <span className="over-execution">
                    {" "}
                    Sobre-ejecución ({formatCompliance(row.raw)})
                  </span>
                )}
              </td>
              <td>
                {row.ritmo === null ? (
                  "—"
                ) : row.ritmo.enRiesgo ? (
                  <span className="at-risk">
                    <span aria-hidden="true">⚠ </span>En riesgo
                  </span>
                ) : row.ritmo.projectedYearCompliance === null ? (
                  "Sin proyección"
                ) : (
                  `Proyecta ${formatCompliance(row.ritmo.projectedYearCompliance)}`
                )}
              </td>
              {previousCorte !== null && (
                <td>
                  <ChangeNote change={row.change} corte={previousCorte} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function ContributionsFigure({
  objective,
  at,
}: {
  objective: Dashboard["objectives"][number];
  at: Dashboard["at"];
}) {
  const chart = useMemo(() => objectiveContributionsChart(objective, at), [objective, at]);
  return (
    <section aria-labelledby="aportes-objetivo">
      <h2 id="aportes-objetivo">Aportes al cumplimiento</h2>
      <ChartFigure chart={chart} height={96 + 30 * objective.indicators.length} />
    </section>
  );
}

export function ObjectivePage({
  planId,
  objectiveCode,
}: {
  planId: number;
  objectiveCode: string;
}) {
  const view = useTableroView();
  const dashboard = useDashboard(planId, dashboardQuery(view));
  const objective = dashboard.data?.objectives.find((item) => item.code === objectiveCode);
  useDocumentTitle(
    objective
      ? `Objetivo ${objective.code} — Tablero`
      : dashboard.isError
        ? "Error al cargar el objetivo"
        : "Cargando el objetivo",
  );
  if (dashboard.isPending) return <LoadingState message="Cargando el objetivo…" />;
  if (dashboard.isError)
    return <ProtectedPageError title="No fue posible cargar el objetivo" error={dashboard.error} />;
  if (objective === undefined)
    return (
      <NotFoundPage title="Objetivo no encontrado">
        El objetivo «{objectiveCode}» no existe en {dashboard.data.plan.name}.{" "}
        <Link to={`${dashboardPath(planId)}${viewSearch(view)}`}>Volver al tablero</Link>.
      </NotFoundPage>
    );
  return (
    <article className="tablero">
      <div className="page-heading">
        <p className="eyebrow">
          <Link to={`${dashboardPath(planId)}${viewSearch(view)}`}>
            Tablero de {dashboard.data.plan.name}
          </Link>
        </p>
        <h1>Objetivo {objective.code}</h1>
        <p>{objective.name}</p>
        <p>
          {vigenciaLabel(view.vigencia)}
          {view.corte === null ? "" : ` · corte ${formatDate(view.corte)}`}
        </p>
      </div>
      <ViewForm key={viewSearch(view)} years={dashboard.data.years} view={view} />
      <section aria-labelledby="cumplimiento-objetivo">
        <h2 id="cumplimiento-objetivo">Cumplimiento del objetivo</h2>
        <p className="big-number">
          <ComplianceValue status={objective.status} compliance={objective.compliance} />
        </p>
        {dashboard.data.previousCorte !== null && (
          <p>
            <ChangeNote change={objective.change} corte={dashboard.data.previousCorte} />
          </p>
        )}
        {objective.progress !== null && (
          <p>Avance hacia la meta del cuatrienio: {formatCompliance(objective.progress)}</p>
        )}
        <p className="note">
          Peso en el plan: {formatNumber(objective.weight)} · participación:{" "}
          {objective.share === null ? "no cuenta" : formatCompliance(objective.share)}
        </p>
        <ExplainPanel
          planId={planId}
          query={{ ...dashboardQuery(view), objective: objective.code }}
          label={`el cumplimiento del objetivo ${objective.code}`}
        />
      </section>
      <ContributionsFigure objective={objective} at={dashboard.data.at} />
      <section aria-labelledby="indicadores-del-objetivo">
        <h2 id="indicadores-del-objetivo">Indicadores</h2>
        <p className="note">
          Ordene la tabla con los botones de cada columna. La participación es el peso renormalizado
          sobre los indicadores evaluados; NP, pendiente y sin reporte excluido no cuentan.
        </p>
        <IndicatorsTable
          planId={planId}
          rows={objective.indicators}
          objectiveCode={objective.code}
          view={view}
          previousCorte={dashboard.data.previousCorte}
        />
      </section>
    </article>
  );
}
