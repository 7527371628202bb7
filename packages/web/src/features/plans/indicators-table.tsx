import { type Indicator, isProgrammed, type Objective, type WeightPct } from "@rumbo/core";
import { formatPercentPoints, formatValue, formatYears } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { goalLabel, TREND_LABELS } from "./labels.ts";

/** NP: the plan does not program the indicator that vigencia (not the same as 0 %). */
function NotProgrammed() {
  return <abbr title="No programado">NP</abbr>;
}

function NoData() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">Sin dato</span>
    </>
  );
}

function WeightValue({ pct }: { pct: number }) {
  if (pct !== 0) return <>{formatPercentPoints(pct)}</>;
  // Reported and shown, never weighted (meta estratégica 80 of the seed plan).
  return (
    <>
      {formatPercentPoints(0)} <span className="note">no pondera</span>
    </>
  );
}

/** Weights may change each vigencia; one figure when they do not. */
function Weight({ weight, years }: { weight: WeightPct; years: readonly number[] }) {
  if (typeof weight === "number") return <WeightValue pct={weight} />;
  const perYear = years.map((year) => ({ year, pct: weight[String(year)] }));
  const first = perYear[0]?.pct;
  const uniform =
    first !== undefined &&
    perYear.every(({ pct }) => pct === first) &&
    (weight.total === undefined || weight.total === first);
  if (uniform) return <WeightValue pct={first} />;
  return (
    <ul className="weight-list">
      {perYear.map(({ year, pct }) => (
        <li key={year}>
          {year}: {pct === undefined ? <NoData /> : <WeightValue pct={pct} />}
        </li>
      ))}
      {weight.total !== undefined && (
        <li>
          Total: <WeightValue pct={weight.total} />
        </li>
      )}
    </ul>
  );
}

function Programmed({
  value,
  indicator,
}: {
  value: number | null | undefined;
  indicator: Indicator;
}) {
  if (!isProgrammed(value, indicator.trend)) return <NotProgrammed />;
  return <>{formatValue(value, indicator.unit)}</>;
}

function GoalCell({ indicator }: { indicator: Indicator }) {
  // The plan's own text already names the meta ("Meta sectorial 2307: Asistir…").
  if (indicator.goal !== undefined) return <>{indicator.goal}</>;
  const label = goalLabel(indicator.goalType, indicator.goalCode);
  return label === undefined ? <NoData /> : <span className="goal-label">{label}</span>;
}

export const REPORTS_BADGE = "Usted reporta";

/** The ficha page of an indicator, for those who may edit the plan shown; null otherwise. */
export type FichaLink = ((indicatorCode: string) => string) | null;

function IndicatorRow({
  indicator,
  years,
  reports,
  reportsPath,
  fichaOf,
}: {
  indicator: Indicator;
  years: readonly number[];
  reports: boolean;
  reportsPath: string;
  fichaOf: FichaLink;
}) {
  const showUnit = indicator.unit !== undefined && indicator.unit !== "%";
  return (
    <tr>
      <th scope="row" className="code">
        {fichaOf === null ? (
          indicator.code
        ) : (
          <Link to={fichaOf(indicator.code)} aria-label={`Ficha del indicador ${indicator.code}`}>
            {indicator.code}
          </Link>
        )}
      </th>
      <td className="goal">
        <GoalCell indicator={indicator} />
      </td>
      <td className="indicator-name">
        {/* Text, not only colour (WCAG 1.4.1): the person's own indicators. */}
        {reports && (
          <>
            <Link className="badge" to={reportsPath}>
              {REPORTS_BADGE}{" "}
              <span className="visually-hidden">
                el indicador {indicator.code}: ir a Mis indicadores
              </span>
            </Link>{" "}
          </>
        )}
        {indicator.name}
        {showUnit && <span className="note">Unidad: {indicator.unit}</span>}
      </td>
      <td>{TREND_LABELS[indicator.trend]}</td>
      <td className="number">
        <Weight weight={indicator.weight} years={years} />
      </td>
      {years.map((year) => (
        <td key={year} className="number">
          <Programmed value={indicator.targets[String(year)]} indicator={indicator} />
        </td>
      ))}
      <td className="number total">
        {indicator.total === null || indicator.total === undefined ? (
          <NoData />
        ) : (
          formatValue(indicator.total, indicator.unit)
        )}
      </td>
    </tr>
  );
}

function indicatorsCaption(objective: Objective): string {
  return `Indicadores del objetivo ${objective.code}`;
}

export type IndicatorsTableProps = {
  objective: Objective;
  years: readonly number[];
  /** Codes of the indicators the person on the session reports (server's answer). */
  reportable: ReadonlySet<string>;
  /** Mis indicadores, where the badge leads. */
  reportsPath: string;
  fichaOf: FichaLink;
};

export function IndicatorsTable({
  objective,
  years,
  reportable,
  reportsPath,
  fichaOf,
}: IndicatorsTableProps) {
  const captionId = `indicadores-objetivo-${objective.code}`;
  const fixedColumns = 5;
  return (
    <ScrollRegion labelledBy={captionId}>
      <table className="indicators">
        <caption id={captionId}>{indicatorsCaption(objective)}</caption>
        <colgroup span={fixedColumns} />
        <colgroup span={years.length + 1} />
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Código
            </th>
            <th scope="col" rowSpan={2}>
              Meta
            </th>
            <th scope="col" rowSpan={2}>
              Indicador
            </th>
            <th scope="col" rowSpan={2}>
              Tendencia
            </th>
            <th scope="col" rowSpan={2} className="number">
              Ponderación
            </th>
            <th scope="colgroup" colSpan={years.length + 1} className="group">
              Programación
            </th>
          </tr>
          <tr>
            {years.map((year) => (
              <th key={year} scope="col" className="number">
                {year}
              </th>
            ))}
            <th scope="col" className="number">
              Total {formatYears(years)}
            </th>
          </tr>
        </thead>
        <tbody>
          {objective.indicators.map((indicator) => (
            <IndicatorRow
              key={indicator.code}
              indicator={indicator}
              years={years}
              reports={reportable.has(indicator.code)}
              reportsPath={reportsPath}
              fichaOf={fichaOf}
            />
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
