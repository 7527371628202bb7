/**
 * «¿Qué cambió desde este informe?» (`/planes/:id/tablero/informes/:corte/cambios`,
 * `?knownAt=`): the informe of a corte as known when it was issued against
 * today's, from diffInforme — every cumplimiento and every report that
 * changed, before → after, who, when and why. The web computes nothing.
 */
import { ACTION_LABEL } from "@rumbo/core";
import { dashboardPath, reportHistoryPath } from "../../routes.ts";
import { formatDate, formatDateTime, formatNumber } from "../../shared/format.ts";
import { Link, useSearch } from "../../shared/router.tsx";
import { LoadingState } from "../../shared/ui/query-state.tsx";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { ProtectedPageError } from "../session/session-guards.tsx";
import { ChangeWords, changeWords } from "./corte-change.tsx";
import { ComplianceValue } from "./semaforo.tsx";
import { type InformeDiff, useInformeDiff } from "./tablero-api.ts";
import "./tablero.css";

type DiffCell = InformeDiff["cells"][number];
type DiffReport = InformeDiff["reports"][number];

function cellName(cell: DiffCell): string {
  switch (cell.level) {
    case "plan":
      return "Plan";
    case "objective":
      return `Objetivo ${cell.code}`;
    case "indicator":
      return `Indicador ${cell.code}: ${cell.name}`;
  }
}

function CellValue({ cell }: { cell: DiffCell["before"] }) {
  if (cell === null) return <>No estaba en el plan</>;
  return (
    <>
      <ComplianceValue status={cell.status} compliance={cell.compliance} />
      {cell.actual !== null && <> · ejecutado {formatNumber(cell.actual)}</>}
    </>
  );
}

function versionText(ref: DiffReport["before"]): string {
  if (ref === null) return "sin valor aprobado";
  return `${ref.value === null ? "sin valor" : formatNumber(ref.value)} (versión ${ref.version})`;
}

function CellsTable({ cells, since }: { cells: DiffCell[]; since: string }) {
  return (
    <ScrollRegion labelledBy="cumplimientos-cambiados">
      <table className="tablero-table">
        <caption id="cumplimientos-cambiados">Cumplimientos que cambiaron</caption>
        <thead>
          <tr>
            <th scope="col">Qué</th>
            <th scope="col">Vigencia</th>
            <th scope="col">En el informe</th>
            <th scope="col">Hoy</th>
            <th scope="col">Cambio</th>
          </tr>
        </thead>
        <tbody>
          {cells.map((cell) => (
            <tr key={`${cell.level}-${cell.code}-${cell.when}`}>
              <th scope="row">{cellName(cell)}</th>
              <td>{cell.when === "cuatrienio" ? "Cuatrienio" : cell.when}</td>
              <td>
                <CellValue cell={cell.before} />
              </td>
              <td>
                <CellValue cell={cell.after} />
              </td>
              <td>
                <ChangeWords change={cell.change} text={changeWords(cell.change, since)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function ReportChange({ planId, report }: { planId: number; report: DiffReport }) {
  const area = report.area === "" ? "" : ` (área ${report.area})`;
  return (
    <li>
      <h3>
        Indicador {report.indicator}: {report.indicatorName}, periodo {report.period}
        {area}
      </h3>
      <p>
        En el informe: {versionText(report.before)} → hoy: {versionText(report.after)}
        {!report.valueChanged && " (el valor es el mismo; cambió la versión usada)"}
      </p>
      {report.events.length > 0 && (
        <ol>
          {report.events.map((event) => (
            <li key={event.id}>
              {ACTION_LABEL[event.action] ?? event.action} el {formatDateTime(event.recordedAt)}
              {event.by !== null && ` por ${event.by}`}
              {event.value !== null && ` · valor ${formatNumber(event.value)}`}
              {event.comment && <> · justificación: «{event.comment}»</>}
            </li>
          ))}
        </ol>
      )}
      {report.reopening !== null && (
        <p>
          Corte del {formatDate(report.reopening.periodEnd)} reabierto el{" "}
          {formatDateTime(report.reopening.createdAt)}
          {report.reopening.by !== null && ` por ${report.reopening.by}`}: «
          {report.reopening.justification}»
        </p>
      )}
      <p>
        <Link to={reportHistoryPath(planId, report.indicator, report.period, report.area)}>
          Historial del reporte {report.indicator} {report.period}
        </Link>
      </p>
    </li>
  );
}

export function InformeDiffView({ planId, diff }: { planId: number; diff: InformeDiff }) {
  const then =
    diff.before.knownAt === null ? "al generarlo" : `el ${formatDateTime(diff.before.knownAt)}`;
  const closing =
    diff.corte.closedAt !== null && diff.before.knownAt === diff.corte.closedAt
      ? ", cuando se cerró el corte"
      : "";
  return (
    <>
      <p>
        El informe del corte al {formatDate(diff.asOf)} tal como se conocía {then}
        {closing}, frente a lo que Rumbo sabe hoy. Cada cifra es la del motor con la fecha de corte{" "}
        {formatDate(diff.asOf)}.
      </p>
      {diff.cells.length === 0 && diff.reports.length === 0 ? (
        <p>Nada cambió: el informe de hoy dice lo mismo que entonces.</p>
      ) : (
        <>
          <section aria-labelledby="cambios-cumplimiento">
            <h2 id="cambios-cumplimiento">Cumplimiento</h2>
            {diff.cells.length === 0 ? (
              <p>Ningún cumplimiento cambió.</p>
            ) : (
              <CellsTable cells={diff.cells} since="el informe" />
            )}
          </section>
          <section aria-labelledby="cambios-reportes">
            <h2 id="cambios-reportes">Reportes y por qué cambiaron</h2>
            {diff.reports.length === 0 ? (
              <p>Ningún reporte cambió.</p>
            ) : (
              <ul className="plain-list informe-diff-list">
                {diff.reports.map((report) => (
                  <ReportChange
                    key={`${report.indicator}-${report.period}-${report.area}`}
                    planId={planId}
                    report={report}
                  />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}

export function InformeDiffPage({ planId, corteId }: { planId: number; corteId: number }) {
  const knownAt = new URLSearchParams(useSearch()).get("knownAt") ?? undefined;
  const diff = useInformeDiff(planId, corteId, knownAt === "" ? undefined : knownAt);
  useDocumentTitle(
    diff.data
      ? `Cambios desde el informe del corte al ${formatDate(diff.data.asOf)}`
      : diff.isError
        ? "Error al comparar el informe"
        : "Comparando el informe",
  );
  if (diff.isPending) return <LoadingState message="Comparando el informe con el de hoy…" />;
  if (diff.isError)
    return <ProtectedPageError title="No fue posible comparar el informe" error={diff.error} />;
  const data = diff.data;
  const view = `?${new URLSearchParams({ vigencia: String(data.year), corte: data.asOf })}`;
  return (
    <article className="tablero">
      <div className="page-heading">
        <p className="eyebrow">
          <Link to={`${dashboardPath(planId)}${view}`}>Tablero de {data.plan.name}</Link>
        </p>
        <h1>¿Qué cambió desde el informe del corte al {formatDate(data.asOf)}?</h1>
      </div>
      <InformeDiffView planId={planId} diff={data} />
    </article>
  );
}
