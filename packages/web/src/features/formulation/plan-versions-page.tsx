/**
 * "Historial de versiones" (`/planes/:id/versiones`): every version of the
 * plan (creation, edits, reprogramaciones with their justification and act),
 * a link to read each one as it was, the plan as it stood on a date, and the
 * changes between any two.
 */
import { versionInForceOn } from "@rumbo/core";
import { type FormEvent, useId, useState } from "react";
import { planPath, planVersionPath } from "../../routes.ts";
import { errorMessage } from "../../shared/api/api-client.ts";
import { formatNumber } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { LoadingState } from "../../shared/ui/query-state.tsx";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { usePlan } from "../plans/plans-api.ts";
import { ProtectedPageError } from "../session/session-guards.tsx";
import { ChangeList } from "./change-list.tsx";
import { type PlanVersion, usePlanDiff, usePlanVersions } from "./formulation-api.ts";
import {
  formatCalendarDate,
  formatDay,
  todayInBogota,
  VERSION_KIND_LABELS,
} from "./formulation-format.ts";
import { PlanAtDate } from "./plan-at-date.tsx";

const PAGE_TITLE = "Historial de versiones";

/**
 * Who made the version: the account to those who may see accounts; to anyone
 * else "una persona" (Ley 1581 de 2012), never "Sistema" for a person's change.
 */
export function authorOf(version: PlanVersion): string {
  if (version.actorEmail !== null) return version.actorEmail;
  return version.actorKind === "sistema" ? "Sistema" : "Una persona (dato reservado)";
}

function VersionsTable({ planId, versions }: { planId: number; versions: readonly PlanVersion[] }) {
  const latest = versions.reduce((max, v) => Math.max(max, v.version), 0);
  // Core's rule, the one the server answers `?at=` with (ADR 0005): a later
  // version dated in the future rules only from its date.
  const inForce = versionInForceOn(versions, todayInBogota())?.version ?? 0;
  return (
    <ScrollRegion labelledBy="tabla-versiones">
      <table className="data-table">
        <caption id="tabla-versiones">Versiones del plan, de la más reciente a la primera</caption>
        <thead>
          <tr>
            <th scope="col">Versión</th>
            <th scope="col">Tipo</th>
            <th scope="col">Fecha</th>
            <th scope="col">Rige desde</th>
            <th scope="col">Quién</th>
            <th scope="col">Justificación</th>
            <th scope="col">Acta o documento</th>
            <th scope="col">Consultar</th>
          </tr>
        </thead>
        <tbody>
          {[...versions]
            .sort((a, b) => b.version - a.version)
            .map((v) => (
              <tr key={v.version}>
                <th scope="row">
                  {formatNumber(v.version)}
                  {v.version === inForce && <span className="note">vigente</span>}
                  {v.version > inForce && (
                    <span className="note">
                      rige desde el {formatCalendarDate(v.effectiveFrom)}
                    </span>
                  )}
                </th>
                <td>{VERSION_KIND_LABELS[v.kind] ?? v.kind}</td>
                <td className="nowrap">{formatDay(v.createdAt)}</td>
                <td className="nowrap">{formatCalendarDate(v.effectiveFrom)}</td>
                <td>{authorOf(v)}</td>
                <td>{v.justification ?? "—"}</td>
                <td>{v.actReference ?? "—"}</td>
                <td>
                  <Link
                    to={
                      v.version === latest ? planPath(planId) : planVersionPath(planId, v.version)
                    }
                  >
                    Ver la versión {formatNumber(v.version)}
                  </Link>
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function VersionSelect({
  label,
  value,
  onChange,
  versions,
}: {
  label: string;
  value: number;
  onChange: (version: number) => void;
  versions: readonly PlanVersion[];
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            Versión {v.version} — {VERSION_KIND_LABELS[v.kind] ?? v.kind}, {formatDay(v.createdAt)}
          </option>
        ))}
      </select>
    </div>
  );
}

function DiffResult({ planId, from, to }: { planId: number; from: number; to: number }) {
  const diff = usePlanDiff(planId, from, to, true);
  if (diff.isPending) return <LoadingState message="Comparando las versiones…" />;
  if (diff.isError) {
    return (
      <p className="field-error" role="alert">
        No fue posible comparar las versiones: {errorMessage(diff.error)}
      </p>
    );
  }
  return (
    <div role="status">
      <h3>
        Cambios de la versión {formatNumber(from)} a la {formatNumber(to)}
      </h3>
      {diff.data.length === 0 ? (
        <p>No hay cambios entre estas versiones.</p>
      ) : (
        <>
          <p>
            {formatNumber(diff.data.length)} {diff.data.length === 1 ? "cambio" : "cambios"}:
          </p>
          <ChangeList changes={diff.data} />
        </>
      )}
    </div>
  );
}

function CompareVersions({
  planId,
  versions,
}: {
  planId: number;
  versions: readonly PlanVersion[];
}) {
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  const last = ordered.at(-1)?.version ?? 1;
  const previous = ordered.at(-2)?.version ?? last;
  const [from, setFrom] = useState(previous);
  const [to, setTo] = useState(last);
  const [compared, setCompared] = useState<{ from: number; to: number } | null>(null);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setCompared({ from, to });
  }

  if (ordered.length < 2) {
    return <p>El plan tiene una sola versión: aún no hay nada que comparar.</p>;
  }
  return (
    <>
      <form className="compare-form" onSubmit={submit}>
        <VersionSelect label="Versión inicial" value={from} onChange={setFrom} versions={ordered} />
        <VersionSelect label="Versión final" value={to} onChange={setTo} versions={ordered} />
        <button type="submit" className="button">
          Comparar
        </button>
      </form>
      {compared !== null && <DiffResult planId={planId} from={compared.from} to={compared.to} />}
    </>
  );
}

export function PlanVersionsPage({ planId }: { planId: number }) {
  const plan = usePlan(planId);
  const versions = usePlanVersions(planId);
  useDocumentTitle(plan.data ? `${PAGE_TITLE}: ${plan.data.code}` : PAGE_TITLE);
  if (versions.isPending || plan.isPending)
    return <LoadingState message="Cargando las versiones…" />;
  if (plan.isError)
    return <ProtectedPageError title="No fue posible cargar el plan" error={plan.error} />;
  if (versions.isError) {
    return (
      <ProtectedPageError title="No fue posible cargar las versiones" error={versions.error} />
    );
  }
  return (
    <div className="formulation">
      <p className="eyebrow">{PAGE_TITLE}</p>
      <h1>{plan.data.name}</h1>
      <p>
        <Link to={planPath(planId)}>Volver al plan</Link>
      </p>
      <VersionsTable planId={planId} versions={versions.data} />
      <section aria-labelledby="plan-en-una-fecha">
        <h2 id="plan-en-una-fecha">Ver el plan como estaba en una fecha</h2>
        <PlanAtDate planId={planId} versions={versions.data} />
      </section>
      <section aria-labelledby="comparar-versiones">
        <h2 id="comparar-versiones">Comparar dos versiones</h2>
        <CompareVersions planId={planId} versions={versions.data} />
      </section>
    </div>
  );
}
