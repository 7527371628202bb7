/**
 * Mis indicadores (`/planes/:id/seguimiento`): what the person reports in the
 * open corte, grouped as they act on it — returned with planeación's comment
 * first, then overdue, due, submitted and approved. Each line opens the form.
 */
import { reportHistoryPath, reportPath } from "../../routes.ts";
import { formatDate, formatNumber } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { ErrorState, LoadingState } from "../../shared/ui/query-state.tsx";
import { lockMessage, periodLabel, reportTitle } from "./labels.ts";
import { type Corte, type ReportSummary, useCortes, useReports } from "./seguimiento-api.ts";
import { ReportedValue, SeguimientoFrame, StatusTag, TargetValue } from "./seguimiento-frame.tsx";

export const MY_REPORTS_TITLE = "Mis indicadores";

type Group = {
  id: string;
  title: string;
  empty: string;
  includes: (report: ReportSummary) => boolean;
};

/** In the order a responsable acts: what came back, what is late, what is due, then the rest. */
const GROUPS: readonly Group[] = [
  {
    id: "devueltos",
    title: "Devueltos para corregir",
    empty: "Planeación no le ha devuelto reportes.",
    includes: (r) => r.status === "devuelto",
  },
  {
    id: "vencidos",
    title: "Vencidos",
    empty: "No tiene reportes vencidos.",
    includes: (r) => r.status !== "devuelto" && r.overdue,
  },
  {
    id: "por-reportar",
    title: "Por reportar",
    empty: "No tiene reportes pendientes en este corte.",
    includes: (r) => (r.status === null || r.status === "borrador") && !r.overdue,
  },
  {
    id: "enviados",
    title: "Enviados a revisión",
    empty: "No tiene reportes esperando revisión.",
    includes: (r) => r.status === "enviado" && !r.overdue,
  },
  {
    id: "aprobados",
    title: "Aprobados",
    empty: "Aún no tiene reportes aprobados en este corte.",
    includes: (r) => r.status === "aprobado",
  },
];

/** The corte being reported: the open one closest to today (the latest period end). */
export function openCorte(cortes: readonly Corte[]): Corte | null {
  const open = cortes.filter((c) => c.state === "abierto");
  return open.reduce<Corte | null>(
    (latest, c) => (latest === null || c.periodEnd > latest.periodEnd ? c : latest),
    null,
  );
}

function ReportLine({ report }: { report: ReportSummary }) {
  return (
    <li className="report-line">
      <p className="report-line-title">
        <Link to={reportPath(report.planId, report.indicator, report.period, report.area)}>
          {reportTitle(report)}
        </Link>{" "}
        <StatusTag status={report.status} />
        {report.late && <span className="status status-late">Enviado tarde</span>}
      </p>
      <p className="report-line-name">{report.indicatorName}</p>
      <p className="note">
        Valor: <ReportedValue value={report.value} unit={report.unit} /> · Meta de la vigencia:{" "}
        <TargetValue target={report.target} unit={report.unit} />
      </p>
      {report.status === "devuelto" && report.returnComment !== null && (
        <blockquote className="return-comment">
          <p>
            <strong>Comentario de planeación:</strong> {report.returnComment}
          </p>
        </blockquote>
      )}
      {report.lock !== null && report.lock !== "UNDER_REVIEW" && report.lock !== "APPROVED" && (
        <p className="note">{lockMessage(report.lock)}</p>
      )}
      {report.status !== null && (
        <p className="note">
          <Link to={reportHistoryPath(report.planId, report.indicator, report.period, report.area)}>
            Historial de {report.indicator} — {periodLabel(report.period)}
          </Link>
        </p>
      )}
    </li>
  );
}

function ReportGroups({ planId, corte }: { planId: number; corte: Corte }) {
  const reports = useReports(planId, { mine: "true", corte: corte.id });
  if (reports.isPending) return <LoadingState message="Cargando sus reportes…" />;
  if (reports.isError) {
    return <ErrorState title="No fue posible cargar sus reportes" error={reports.error} />;
  }
  if (reports.data.length === 0) {
    return <p>No tiene indicadores por reportar en este corte.</p>;
  }
  return (
    <>
      {GROUPS.map((group) => {
        const members = reports.data.filter(group.includes);
        const headingId = `grupo-${group.id}`;
        return (
          <section key={group.id} className="report-group" aria-labelledby={headingId}>
            <h2 id={headingId}>
              {group.title} ({formatNumber(members.length)})
            </h2>
            {members.length === 0 ? (
              <p className="note">{group.empty}</p>
            ) : (
              <ul className="plain-list report-lines">
                {members.map((report) => (
                  <ReportLine
                    key={`${report.indicator}|${report.period}|${report.area ?? ""}`}
                    report={report}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}

function CorteSummary({ corte }: { corte: Corte }) {
  return (
    <p className="callout">
      Corte al {formatDate(corte.periodEnd)}: abierto desde el {formatDate(corte.opensOn)}; reporte
      a tiempo hasta el <strong>{formatDate(corte.dueOn)}</strong>; cierre previsto el{" "}
      {formatDate(corte.closesOn)}.
    </p>
  );
}

function MyReports({ planId }: { planId: number }) {
  const cortes = useCortes(planId);
  if (cortes.isPending) return <LoadingState message="Cargando los cortes…" />;
  if (cortes.isError) {
    return <ErrorState title="No fue posible cargar los cortes" error={cortes.error} />;
  }
  const corte = openCorte(cortes.data);
  if (corte === null) {
    return <p>No hay un corte abierto: por ahora no hay nada que reportar.</p>;
  }
  return (
    <>
      <CorteSummary corte={corte} />
      <ReportGroups planId={planId} corte={corte} />
    </>
  );
}

export function MyReportsPage({ planId }: { planId: number }) {
  return (
    <SeguimientoFrame planId={planId} title={MY_REPORTS_TITLE}>
      {() => <MyReports planId={planId} />}
    </SeguimientoFrame>
  );
}
