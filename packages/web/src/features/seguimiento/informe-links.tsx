/**
 * The informe de seguimiento of a corte as downloads (getInforme): PDF, XLSX
 * and CSV, built on the server from the engine's result. Shown on the Cortes
 * page and on the tablero when its fecha de corte is a corte of the plan.
 */
import type { InformeFormat } from "@rumbo/core";
import { informeDiffPath } from "../../routes.ts";
import { formatDate } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { informeUrl, useCortes } from "./seguimiento-api.ts";
import "./seguimiento.css";

const FORMATS: { format: InformeFormat; label: string }[] = [
  { format: "pdf", label: "PDF" },
  { format: "xlsx", label: "XLSX" },
  { format: "csv", label: "CSV" },
];

export function InformeLinks({
  planId,
  corte,
  knownAt,
}: {
  planId: number;
  corte: { id: number; periodEnd: string; closedAt: string | null };
  knownAt?: string | undefined;
}) {
  const when = `del corte al ${formatDate(corte.periodEnd)}`;
  // An informe is fixed once its corte closes (or at the instant named): only then can it change since.
  const fixed = knownAt !== undefined || corte.closedAt !== null;
  return (
    <ul className="plain-list informe-links" aria-label={`Informe de seguimiento ${when}`}>
      {FORMATS.map(({ format, label }) => (
        <li key={format}>
          <a href={informeUrl(planId, corte.id, format, knownAt)} download>
            Descargar informe ({label}) <span className="visually-hidden">{when}</span>
          </a>
        </li>
      ))}
      {fixed && (
        <li>
          <Link to={informeDiffPath(planId, corte.id, knownAt)}>
            ¿Qué cambió desde este informe? <span className="visually-hidden">{when}</span>
          </Link>
        </li>
      )}
    </ul>
  );
}

/** On the tablero: the informe of the corte whose date is the view's fecha de corte, if any. */
export function CorteInformeLinks({
  planId,
  periodEnd,
  knownAt,
}: {
  planId: number;
  periodEnd: string | null;
  knownAt?: string | undefined;
}) {
  const cortes = useCortes(planId, periodEnd !== null);
  const corte = cortes.data?.find((item) => item.periodEnd === periodEnd);
  if (corte === undefined) return null;
  return (
    <section aria-labelledby="informe-del-corte" className="tablero-informe">
      <h2 id="informe-del-corte">Informe de seguimiento</h2>
      <InformeLinks planId={planId} corte={corte} knownAt={knownAt} />
    </section>
  );
}
