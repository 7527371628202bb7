import { describeAuditEntry } from "@rumbo/core";
import { formatDateTime, formatNumber } from "../../shared/format.ts";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import type { AuditEntry } from "./audit-api.ts";
import { OUTCOME_LABELS } from "./audit-labels.ts";

export const AUDIT_CAPTION = "Registro de auditoría";

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr>
      <th scope="row" className="nowrap">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </th>
      <td>{entry.actorEmail ?? <span className="note">Sin sesión</span>}</td>
      {/* What happened in words (core derives it from the action, as the CSV does); the codes and details stay in the CSV. */}
      <td>{describeAuditEntry(entry)}</td>
      <td>
        <span className={`outcome outcome-${entry.outcome}`}>{OUTCOME_LABELS[entry.outcome]}</span>
      </td>
      <td className="nowrap">{entry.ip ?? "—"}</td>
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
              <th scope="col">Qué pasó</th>
              <th scope="col">Resultado</th>
              <th scope="col">IP</th>
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
