/**
 * The analysis and soportes of an indicator's approved reports in the view
 * (the cortes of the vigencia, or of the cuatrienio, up to the fecha de
 * corte), as the server keeps them (listReports per corte, then getReport).
 */
import { api, INFORME_ANALYSIS_LABELS } from "@rumbo/core";
import { useQueries } from "@tanstack/react-query";
import { call, errorMessage } from "../../shared/api/api-client.ts";
import { periodLabel } from "../seguimiento/labels.ts";
import {
  type Corte,
  evidenceUrl,
  type Report,
  type ReportSummary,
  seguimientoKeys,
  useCortes,
} from "../seguimiento/seguimiento-api.ts";
import { ReportedValue } from "../seguimiento/seguimiento-frame.tsx";
import type { TableroView } from "./tablero-query.ts";
import { vigenciaLabel } from "./tablero-query.ts";

/** The cortes whose reports the view reads: in its vigencia and not after its fecha de corte. */
export function cortesOfView(cortes: readonly Corte[], view: TableroView): Corte[] {
  return cortes.filter(
    (corte) =>
      corte.state !== "programado" &&
      (view.vigencia === "cuatrienio" || corte.periodEnd.startsWith(`${view.vigencia}-`)) &&
      (view.corte === null || corte.periodEnd <= view.corte),
  );
}

const ANALYSIS_KEYS = ["achievements", "difficulties", "actions", "benefits"] as const;

function OneReport({ report, unit }: { report: Report; unit: string | null }) {
  const headingId = `reporte-${report.period}-${report.area ?? "todas"}`;
  return (
    <article aria-labelledby={headingId} className="report-analysis">
      <h3 id={headingId}>
        Periodo {periodLabel(report.period)}
        {report.area === null ? "" : ` (${report.area})`}:{" "}
        <ReportedValue value={report.value} unit={unit} />
      </h3>
      <dl className="ficha">
        {ANALYSIS_KEYS.map((key) => (
          <div key={key}>
            <dt>{INFORME_ANALYSIS_LABELS[key]}</dt>
            <dd>{report.analysis[key] || "Sin texto"}</dd>
          </div>
        ))}
      </dl>
      {report.evidence.length === 0 ? (
        <p className="note">Sin soportes adjuntos.</p>
      ) : (
        <ul aria-label={`Soportes del periodo ${periodLabel(report.period)}`}>
          {report.evidence.map((item) =>
            item.kind === "file" ? (
              <li key={item.sha256}>
                <a href={evidenceUrl(report.planId, item.sha256)}>{item.fileName}</a>
              </li>
            ) : (
              <li key={item.url}>
                <a href={item.url} rel="noreferrer">
                  {item.title || item.url}
                </a>
              </li>
            ),
          )}
        </ul>
      )}
    </article>
  );
}

export function ReportAnalysis({
  planId,
  indicatorCode,
  unit,
  view,
}: {
  planId: number;
  indicatorCode: string;
  unit: string | null;
  view: TableroView;
}) {
  const cortes = useCortes(planId);
  const inView = cortes.data === undefined ? [] : cortesOfView(cortes.data, view);
  const lists = useQueries({
    queries: inView.map((corte) => {
      const query = { corte: corte.id, indicator: indicatorCode };
      return {
        queryKey: seguimientoKeys.reportList(planId, query),
        queryFn: async ({ signal }: { signal: AbortSignal }) =>
          (await call(api.listReports, { params: { id: planId }, query, signal })).reports,
      };
    }),
  });
  const approved: ReportSummary[] = lists
    .flatMap((list) => list.data ?? [])
    .filter((summary) => summary.status === "aprobado")
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const reports = useQueries({
    queries: approved.map((summary) => {
      const address = {
        planId,
        indicatorCode,
        period: summary.period,
        area: summary.area ?? null,
      };
      return {
        queryKey: seguimientoKeys.report(address),
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          call(api.getReport, {
            params: { id: planId, code: indicatorCode, period: summary.period },
            query: address.area === null ? {} : { area: address.area },
            signal,
          }),
      };
    }),
  });
  const failed = [cortes, ...lists, ...reports].find((query) => query.isError);
  const pending = cortes.isPending || [...lists, ...reports].some((query) => query.isPending);
  return (
    <section aria-labelledby="analisis-reportes">
      <h2 id="analisis-reportes">Análisis y soportes de los reportes</h2>
      {failed !== undefined ? (
        <p role="alert">No fue posible cargar los reportes: {errorMessage(failed.error)}</p>
      ) : pending ? (
        <p role="status">Cargando los reportes…</p>
      ) : reports.length === 0 ? (
        <p>
          No hay reportes aprobados de este indicador en {vigenciaLabel(view.vigencia)}
          {view.corte === null ? "" : " hasta la fecha de corte"}.
        </p>
      ) : (
        reports.map((query) =>
          query.data === undefined ? null : (
            <OneReport
              key={`${query.data.period}-${query.data.area}`}
              report={query.data}
              unit={unit}
            />
          ),
        )
      )}
    </section>
  );
}
