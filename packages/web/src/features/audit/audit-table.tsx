import { formatDateTime, formatNumber } from "../../shared/format.ts";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import type { AuditEntry } from "./audit-api.ts";
import { OUTCOME_LABELS } from "./audit-labels.ts";

export const AUDIT_CAPTION = "Registro de auditoría";

function Details({ details }: { details: AuditEntry["details"] }) {
  if (details === null || details === undefined || Object.keys(details).length === 0) {
    return <span className="note">Sin detalles</span>;
  }
  return <code className="details">{JSON.stringify(details)}</code>;
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr>
      <th scope="row" className="nowrap">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </th>
      <td>{entry.actorEmail ?? <span className="note">Sin sesión</span>}</td>
      <td>{entry.action}</td>
      <td>{entry.resource ?? <span className="note">—</span>}</td>
      <td>
        <span className={`outcome outcome-${entry.outcome}`}>{OUTCOME_LABELS[entry.outcome]}</span>
      </td>
      <td className="nowrap">{entry.ip ?? "—"}</td>
      <td>
        <Details details={entry.details} />
      </td>
    </tr>
  );
}

export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <>
      <p>
        {entries.length === 1 ? "1 entrada" : `${formatNumber(entries.length)} entradas`}, las más
        recientes primero. Las horas son de Bogotá.
      </p>
      <ScrollRegion labelledBy="tabla-auditoria">
        <table className="data-table">
          <caption id="tabla-auditoria">{AUDIT_CAPTION}</caption>
          <thead>
            <tr>
              <th scope="col">Fecha y hora</th>
              <th scope="col">Usuario</th>
              <th scope="col">Acción</th>
              <th scope="col">Recurso</th>
              <th scope="col">Resultado</th>
              <th scope="col">IP</th>
              <th scope="col">Detalles</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
