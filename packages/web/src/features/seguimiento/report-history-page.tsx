/**
 * The history of one report
 * (`/planes/:id/indicadores/:code/reportes/:period/historial`): every version,
 * newest first — who, when, by which path, what action, the comment or
 * justification, and what changed (before → after), as the server recorded it.
 */
import { REPORT_STATUS_LABELS, type ReportStatus } from "@rumbo/core";
import { reportPath } from "../../routes.ts";
import { formatDateTime, formatNumber } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { ErrorState, LoadingState } from "../../shared/ui/query-state.tsx";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { reportSubject, SOURCE_LABELS, VERSION_ACTION_LABELS } from "./labels.ts";
import { useAreaParam } from "./report-form-page.tsx";
import { type ReportAddress, type ReportVersion, useReportHistory } from "./seguimiento-api.ts";
import { SeguimientoFrame, StatusTag } from "./seguimiento-frame.tsx";

function isStatus(value: string): value is ReportStatus {
  return Object.hasOwn(REPORT_STATUS_LABELS, value);
}

function itemName(item: unknown): string {
  if (typeof item !== "object" || item === null) return String(item);
  const { fileName, title, url } = item as Record<string, unknown>;
  if (typeof fileName === "string") return fileName;
  if (typeof title === "string" && title !== "") return title;
  if (typeof url === "string") return url;
  return JSON.stringify(item);
}

/** A before or after value as a reader reads it: numbers in es-CO, statuses in words, soportes by name. */
export function ChangeValue({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === "") {
    return <span className="note">(vacío)</span>;
  }
  if (typeof value === "number") return <>{formatNumber(value, 6)}</>;
  if (typeof value === "boolean") return <>{value ? "Sí" : "No"}</>;
  if (typeof value === "string")
    return <>{isStatus(value) ? REPORT_STATUS_LABELS[value] : value}</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="note">(ninguno)</span>;
    return (
      <ul className="plain-list">
        {value.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of the version, never reordered.
          <li key={index}>{itemName(item)}</li>
        ))}
      </ul>
    );
  }
  return <>{JSON.stringify(value)}</>;
}

function VersionEntry({ version }: { version: ReportVersion }) {
  const headingId = `version-${version.version}`;
  const captionId = `cambios-${version.version}`;
  return (
    <li>
      <article className="history-entry" aria-labelledby={headingId}>
        <h2 id={headingId}>
          Versión {formatNumber(version.version)}: {VERSION_ACTION_LABELS[version.action]}
        </h2>
        <p>
          {version.recordedBy?.name ?? "Sin autor registrado"} ·{" "}
          {formatDateTime(version.recordedAt)} · por {SOURCE_LABELS[version.source]} · estado{" "}
          <StatusTag status={version.status} />
          {version.selfApproval && " · aprobado por quien lo envió (autoaprobación)"}
          {version.refersTo !== null && ` · sobre la versión ${formatNumber(version.refersTo)}`}
        </p>
        {version.comment !== null && (
          <blockquote className="return-comment">
            <p>
              <strong>
                {version.action === "return" ? "Comentario de devolución" : "Justificación"}:
              </strong>{" "}
              {version.comment}
            </p>
          </blockquote>
        )}
        {version.changes.length === 0 ? (
          <p className="note">Sin cambios en los datos del reporte.</p>
        ) : (
          <ScrollRegion labelledBy={captionId}>
            <table className="history-changes">
              <caption id={captionId}>
                Cambios de la versión {formatNumber(version.version)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Campo</th>
                  <th scope="col">Antes</th>
                  <th scope="col">Después</th>
                </tr>
              </thead>
              <tbody>
                {version.changes.map((change) => (
                  <tr key={change.field}>
                    <th scope="row">{change.label}</th>
                    <td>
                      <ChangeValue value={change.before} />
                    </td>
                    <td>
                      <ChangeValue value={change.after} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </article>
    </li>
  );
}

function History({ address }: { address: ReportAddress }) {
  const history = useReportHistory(address);
  if (history.isPending) return <LoadingState message="Cargando el historial…" />;
  if (history.isError) {
    return <ErrorState title="No fue posible cargar el historial" error={history.error} />;
  }
  const versions = [...history.data].sort((a, b) => b.version - a.version);
  return (
    <>
      <p>
        <Link to={reportPath(address.planId, address.indicatorCode, address.period, address.area)}>
          Ir al reporte
        </Link>
      </p>
      {versions.length === 0 ? (
        <p>Este reporte aún no tiene versiones: nada se ha reportado.</p>
      ) : (
        <ol className="plain-list history-list" aria-label="Versiones del reporte">
          {versions.map((version) => (
            <VersionEntry key={version.version} version={version} />
          ))}
        </ol>
      )}
    </>
  );
}

export function ReportHistoryPage({
  planId,
  indicatorCode,
  period,
}: {
  planId: number;
  indicatorCode: string;
  period: string;
}) {
  const area = useAreaParam();
  return (
    <SeguimientoFrame
      planId={planId}
      title={`Historial del ${reportSubject({ indicator: indicatorCode, period, area })}`}
    >
      {() => <History address={{ planId, indicatorCode, period, area }} />}
    </SeguimientoFrame>
  );
}
