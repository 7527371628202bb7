/**
 * One indicator (`/planes/:id/indicadores/:code`): the whole ficha técnica
 * (every field of the field catalogue), programado vs ejecutado per vigencia
 * from getCompliance, its ritmo from getDashboard and "¿Cómo se calculó?".
 */
import {
  type CatalogueField,
  INDICATOR_CATALOGUE,
  INDICATOR_FICHA_FIELDS,
  type Indicator,
  indicatorPeriodsChart,
  indicatorYearsChart,
  isProgrammed,
  TREND_LABELS,
  type WeightPct,
} from "@rumbo/core";
import { useMemo } from "react";
import { dashboardObjectivePath, dashboardPath, planPath } from "../../routes.ts";
import { errorMessage } from "../../shared/api/api-client.ts";
import { formatPercentPoints, formatValue } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { NotFoundPage } from "../../shared/ui/not-found-page.tsx";
import { LoadingState } from "../../shared/ui/query-state.tsx";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { type PlanDetail, usePlan } from "../plans/plans-api.ts";
import { ProtectedPageError } from "../session/session-guards.tsx";
import { ChartFigure } from "./chart-figure.tsx";
import { ExplainPanel } from "./explain-panel.tsx";
import { ReportAnalysis } from "./report-analysis.tsx";
import { ComplianceValue, formatCompliance } from "./semaforo.tsx";
import {
  type ComplianceAnswer,
  type Dashboard,
  type IndicatorSeriesAnswer,
  useCompliance,
  useDashboard,
  useIndicatorSeries,
} from "./tablero-api.ts";
import {
  complianceQuery,
  dashboardQuery,
  type TableroView,
  viewSearch,
  vigenciaLabel,
} from "./tablero-query.ts";
import { useTableroView, ViewForm } from "./tablero-view.tsx";
import "./tablero.css";

const NOT_GIVEN = "No registrado";

function weightText(weight: WeightPct, years: readonly number[]): string {
  if (typeof weight === "number") return formatPercentPoints(weight);
  const parts = years.map((year) => {
    const pct = weight[String(year)];
    return `${year}: ${pct === undefined ? "—" : formatPercentPoints(pct)}`;
  });
  if (weight.total !== undefined) parts.push(`total: ${formatPercentPoints(weight.total)}`);
  return parts.join(" · ");
}

/** The value of one catalogue field of the ficha, as words; the plan's own text as it is. */
export function fichaValue(
  field: CatalogueField,
  indicator: Indicator,
  years: readonly number[],
): string {
  const value = (indicator as unknown as Record<string, unknown>)[field.key];
  switch (field.kind) {
    case "targets":
      return years
        .map((year) => {
          const target = indicator.targets[String(year)];
          return `${year}: ${isProgrammed(target, indicator.trend) ? formatValue(target, indicator.unit) : "NP"}`;
        })
        .join(" · ");
    case "weight":
      return weightText(indicator.weight, years);
    case "flag":
      return value === "from-baseline"
        ? "Desde la línea base: (A − B) / (T − B)"
        : "Nivel alcanzado: A / T";
    case "number":
      return typeof value === "number" ? formatValue(value, indicator.unit) : NOT_GIVEN;
    case "year":
      return typeof value === "number" ? String(value) : NOT_GIVEN;
    case "enum": {
      if (field.key === "trend") return TREND_LABELS[indicator.trend];
      const ficha = INDICATOR_FICHA_FIELDS.find((entry) => entry.key === field.key);
      if (typeof value !== "string") return NOT_GIVEN;
      if (ficha?.kind === "enum")
        return (ficha.options.labels as Record<string, string>)[value] ?? value;
      return value;
    }
    default:
      return typeof value === "string" && value !== "" ? value : NOT_GIVEN;
  }
}

function Ficha({ indicator, plan }: { indicator: Indicator; plan: PlanDetail }) {
  return (
    <section aria-labelledby="ficha-tecnica">
      <h2 id="ficha-tecnica">Ficha técnica</h2>
      <dl className="ficha">
        {INDICATOR_CATALOGUE.map((field) => (
          <div key={field.key}>
            <dt>{field.label}</dt>
            <dd>{fichaValue(field, indicator, plan.years)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

type ComplianceRow = ComplianceAnswer["indicators"][number];

function YearsFigure({ indicator, row }: { indicator: Indicator; row: ComplianceRow }) {
  const chart = useMemo(
    () =>
      indicatorYearsChart({
        code: indicator.code,
        unit: indicator.unit ?? null,
        trend: indicator.trend,
        years: row.years,
      }),
    [indicator, row],
  );
  return <ChartFigure chart={chart} height={300} />;
}

function PeriodsFigure({ series }: { series: IndicatorSeriesAnswer }) {
  const chart = useMemo(() => indicatorPeriodsChart(series), [series]);
  return <ChartFigure chart={chart} height={320} />;
}

function ByPeriod({
  planId,
  indicator,
  view,
}: {
  planId: number;
  indicator: Indicator;
  view: TableroView;
}) {
  const series = useIndicatorSeries(planId, indicator.code, complianceQuery(view));
  return (
    <section aria-labelledby="por-periodo">
      <h2 id="por-periodo">Avances por periodo</h2>
      {series.isPending ? (
        <LoadingState message="Cargando los avances por periodo…" />
      ) : series.isError ? (
        <p role="alert">
          No fue posible cargar los avances por periodo: {errorMessage(series.error)}
        </p>
      ) : series.data.periods.length === 0 ? (
        <p>El indicador no tiene avances reportados.</p>
      ) : (
        <PeriodsFigure series={series.data} />
      )}
    </section>
  );
}

function ProgrammedVsExecuted({
  planId,
  indicator,
  view,
}: {
  planId: number;
  indicator: Indicator;
  view: TableroView;
}) {
  const compliance = useCompliance(planId, complianceQuery(view));
  if (compliance.isPending) return <LoadingState message="Cargando programado y ejecutado…" />;
  if (compliance.isError)
    return (
      <ProtectedPageError title="No fue posible cargar el cumplimiento" error={compliance.error} />
    );
  const row = compliance.data.indicators.find((item) => item.code === indicator.code);
  if (row === undefined) return null;
  const unit = indicator.unit;
  const measured = (value: number | null) => (value === null ? "—" : formatValue(value, unit));
  return (
    <section aria-labelledby="programado-ejecutado">
      <h2 id="programado-ejecutado">Programado y ejecutado por vigencia</h2>
      <YearsFigure indicator={indicator} row={row} />
      <ScrollRegion labelledBy="tabla-programado-ejecutado">
        <table className="tablero-table">
          <caption id="tabla-programado-ejecutado">
            Programado y ejecutado del indicador {indicator.code}
          </caption>
          <thead>
            <tr>
              <th scope="col">Vigencia</th>
              <th scope="col">Programado</th>
              <th scope="col">Ejecutado</th>
              <th scope="col">Cumplimiento</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(row.years).map(([year, cell]) => (
              <tr key={year}>
                <th scope="row">{year}</th>
                <td>
                  {cell.status === "np" ? (
                    <abbr title="No programado">NP</abbr>
                  ) : (
                    measured(cell.target)
                  )}
                </td>
                <td>{measured(cell.actual)}</td>
                <td>
                  <ComplianceValue status={cell.status} compliance={cell.compliance} />
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">Cuatrienio (a la fecha)</th>
              <td>{measured(row.period.target)}</td>
              <td>{measured(row.period.actual)}</td>
              <td>
                <ComplianceValue status={row.period.status} compliance={row.period.compliance} />
              </td>
            </tr>
          </tbody>
        </table>
      </ScrollRegion>
      <p>
        Total del cuatrienio: {measured(row.period.total)} · avance hacia la meta:{" "}
        {formatCompliance(row.period.progress)}
      </p>
    </section>
  );
}

type DashboardRow = Dashboard["objectives"][number]["indicators"][number];

function Ritmo({ item }: { item: DashboardRow | undefined }) {
  const ritmo = item?.ritmo ?? null;
  // In the indicator's unit, as the programado y ejecutado table writes them ("10 %").
  const measured = (value: number) => formatValue(value, item?.unit ?? undefined);
  return (
    <section aria-labelledby="ritmo">
      <h2 id="ritmo">Ritmo y proyección</h2>
      {ritmo === null ? (
        <p>
          El ritmo se calcula para la vigencia de la fecha de corte, cuando el indicador está
          programado en ella. Elija una fecha de corte dentro del plan.
        </p>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>Meta {ritmo.year}</dt>
              <dd>{measured(ritmo.target)}</dd>
            </div>
            <div>
              <dt>Esperado a la fecha</dt>
              <dd>
                {ritmo.expected === null
                  ? "La meta es un nivel de fin de año"
                  : measured(ritmo.expected)}
              </dd>
            </div>
            <div>
              <dt>Avance a la fecha</dt>
              <dd>{ritmo.actual === null ? "Sin reporte" : measured(ritmo.actual)}</dd>
            </div>
            <div>
              <dt>Proyección al cierre de {ritmo.year}</dt>
              <dd>
                {ritmo.projectedYear === null
                  ? "—"
                  : `${measured(ritmo.projectedYear)} (${formatCompliance(ritmo.projectedYearCompliance)})`}
              </dd>
            </div>
            <div>
              <dt>Proyección al cierre del cuatrienio</dt>
              <dd>{formatCompliance(ritmo.projectedPeriodCompliance)}</dd>
            </div>
          </dl>
          <p className={ritmo.enRiesgo ? "at-risk" : undefined}>
            {ritmo.enRiesgo && <span aria-hidden="true">⚠ </span>}
            {ritmo.enRiesgo ? "En riesgo. " : ""}
            {ritmo.reason}
          </p>
        </>
      )}
    </section>
  );
}

export function IndicatorPage({
  planId,
  indicatorCode,
}: {
  planId: number;
  indicatorCode: string;
}) {
  const view = useTableroView();
  const plan = usePlan(planId);
  const objective = plan.data?.objectives.find((item) =>
    item.indicators.some((entry) => entry.code === indicatorCode),
  );
  const indicator = objective?.indicators.find((entry) => entry.code === indicatorCode);
  const dashboard = useDashboard(planId, dashboardQuery(view));
  const item = dashboard.data?.objectives
    .flatMap((entry) => entry.indicators)
    .find((entry) => entry.code === indicatorCode);
  useDocumentTitle(
    indicator
      ? `Indicador ${indicator.code} — ${indicator.name}`
      : plan.isError
        ? "Error al cargar el indicador"
        : "Cargando el indicador",
  );
  if (plan.isPending) return <LoadingState message="Cargando el indicador…" />;
  if (plan.isError)
    return <ProtectedPageError title="No fue posible cargar el indicador" error={plan.error} />;
  if (indicator === undefined || objective === undefined)
    return (
      <NotFoundPage title="Indicador no encontrado">
        El indicador «{indicatorCode}» no existe en {plan.data.name}.{" "}
        <Link to={`${dashboardPath(planId)}${viewSearch(view)}`}>Volver al tablero</Link>.
      </NotFoundPage>
    );
  return (
    <article className="tablero">
      <div className="page-heading">
        <p className="eyebrow">
          <Link to={planPath(planId)}>{plan.data.name}</Link> ·{" "}
          <Link to={`${dashboardPath(planId)}${viewSearch(view)}`}>Tablero</Link> ·{" "}
          <Link to={`${dashboardObjectivePath(planId, objective.code)}${viewSearch(view)}`}>
            Objetivo {objective.code}
          </Link>
        </p>
        <h1>
          Indicador {indicator.code}: {indicator.name}
        </h1>
        {indicator.goal !== undefined && <p>{indicator.goal}</p>}
      </div>
      <ViewForm key={viewSearch(view)} years={plan.data.years} view={view} />
      <section aria-labelledby="como-se-calculo">
        <h2 id="como-se-calculo">Cumplimiento en {vigenciaLabel(view.vigencia)}</h2>
        {dashboard.isError ? (
          <p role="alert">No fue posible cargar el cumplimiento: {errorMessage(dashboard.error)}</p>
        ) : item === undefined ? (
          <p role="status">Cargando el cumplimiento…</p>
        ) : (
          <p className="big-number">
            <ComplianceValue status={item.status} compliance={item.compliance} />
            {item.overExecution && (
              <span className="over-execution">
                {" "}
                Sobre-ejecución ({formatCompliance(item.raw)})
              </span>
            )}
          </p>
        )}
        <ExplainPanel
          planId={planId}
          query={{ ...dashboardQuery(view), indicator: indicator.code }}
          label={`el cumplimiento del indicador ${indicator.code}`}
        />
      </section>
      <Ritmo item={item} />
      <ProgrammedVsExecuted planId={planId} indicator={indicator} view={view} />
      <ReportAnalysis
        planId={planId}
        indicatorCode={indicator.code}
        unit={indicator.unit ?? null}
        view={view}
      />
      <ByPeriod planId={planId} indicator={indicator} view={view} />
      <Ficha indicator={indicator} plan={plan.data} />
    </article>
  );
}
