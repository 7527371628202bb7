/**
 * Cortes (`/planes/:id/seguimiento/cortes`): each corte with its dates, state
 * and progress (reports due, received, approved, late, as the server counts
 * them). Planeación programs a corte, closes it (an explicit act, confirmed)
 * and reopens a closed one for named indicators, with a justification and an
 * expiry date — and publishes the plan and its closed cortes («Publicación»).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage, fieldProblems } from "../../shared/api/api-client.ts";
import { formatDate, formatDateTime, formatNumber } from "../../shared/format.ts";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { ErrorState, LoadingState } from "../../shared/ui/query-state.tsx";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { TextAreaField } from "../../shared/ui/text-area-field.tsx";
import { TextField } from "../../shared/ui/text-field.tsx";
import { InformeLinks } from "./informe-links.tsx";
import { CORTE_STATE_LABELS } from "./labels.ts";
import { PublicationSection } from "./publication-section.tsx";
import {
  type Corte,
  closeCorte,
  createCorte,
  type NewCorte,
  reopenCorte,
  seguimientoKeys,
  useCortes,
} from "./seguimiento-api.ts";
import { SeguimientoFrame } from "./seguimiento-frame.tsx";

export const CORTES_TITLE = "Cortes de seguimiento";

function corteName(corte: Corte): string {
  return `Corte al ${formatDate(corte.periodEnd)}`;
}

/** Problems the server named by field, plus the rest. */
function problemsOf(error: unknown): { byField: Record<string, string>; message: string | null } {
  if (error === null) return { byField: {}, message: null };
  const byField: Record<string, string> = {};
  for (const problem of fieldProblems(error)) {
    const field = problem.field.split(".").at(-1) ?? problem.field;
    byField[field] = byField[field] ?? problem.message;
  }
  return { byField, message: errorMessage(error) };
}

function ProgressTable({ cortes }: { cortes: readonly Corte[] }) {
  const captionId = "avance-de-los-cortes";
  const count = (n: number) => formatNumber(n);
  return (
    <ScrollRegion labelledBy={captionId}>
      <table className="data-table cortes-table">
        <caption id={captionId}>Avance de los cortes</caption>
        <thead>
          <tr>
            <th scope="col">Corte</th>
            <th scope="col">Estado</th>
            <th scope="col">Fecha límite</th>
            <th scope="col" className="number">
              Esperados
            </th>
            <th scope="col" className="number">
              Recibidos
            </th>
            <th scope="col" className="number">
              Aprobados
            </th>
            <th scope="col" className="number">
              Tardíos
            </th>
            <th scope="col" className="number">
              Devueltos
            </th>
            <th scope="col" className="number">
              Pendientes
            </th>
          </tr>
        </thead>
        <tbody>
          {cortes.map((corte) => (
            <tr key={corte.id}>
              <th scope="row">{formatDate(corte.periodEnd)}</th>
              <td>{CORTE_STATE_LABELS[corte.state]}</td>
              <td>{formatDate(corte.dueOn)}</td>
              <td className="number">{count(corte.progress.due)}</td>
              <td className="number">{count(corte.progress.received)}</td>
              <td className="number">{count(corte.progress.approved)}</td>
              <td className="number">{count(corte.progress.late)}</td>
              <td className="number">{count(corte.progress.returned)}</td>
              <td className="number">{count(corte.progress.pending)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

const EMPTY_CORTE: NewCorte = { periodEnd: "", opensOn: "", dueOn: "", closesOn: "" };

const DATE_FIELDS: readonly { key: keyof NewCorte; label: string; hint: string }[] = [
  { key: "periodEnd", label: "Fin del periodo", hint: "Último día del periodo que se reporta." },
  { key: "opensOn", label: "Apertura", hint: "Desde este día se puede reportar." },
  {
    key: "dueOn",
    label: "Fecha límite de reporte",
    hint: "Después de esta fecha el reporte es tardío.",
  },
  {
    key: "closesOn",
    label: "Cierre previsto",
    hint: "El cierre es un acto explícito de planeación.",
  },
];

function CreateCorteForm({
  planId,
  onDone,
}: {
  planId: number;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [corte, setCorte] = useState<NewCorte>(EMPTY_CORTE);
  const create = useMutation({
    mutationFn: () => createCorte(planId, corte),
    onSuccess: async (created) => {
      setCorte(EMPTY_CORTE);
      onDone(`${corteName(created)} programado.`);
      await queryClient.invalidateQueries({ queryKey: seguimientoKeys.cortes(planId) });
    },
  });
  const problems = problemsOf(create.error);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    create.mutate();
  }

  return (
    <section aria-labelledby="programar-corte">
      <h2 id="programar-corte">Programar un corte</h2>
      {create.isError && (
        <FormError>
          <p>No fue posible programar el corte: {problems.message}</p>
        </FormError>
      )}
      <form className="form" onSubmit={submit} noValidate>
        {DATE_FIELDS.map((field) => (
          <TextField
            key={field.key}
            label={field.label}
            hint={field.hint}
            type="date"
            value={corte[field.key]}
            onValueChange={(value) => setCorte({ ...corte, [field.key]: value })}
            error={problems.byField[field.key]}
          />
        ))}
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? "Programando…" : "Programar el corte"}
        </button>
      </form>
    </section>
  );
}

function CloseCorte({
  planId,
  corte,
  onDone,
}: {
  planId: number;
  corte: Corte;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const close = useMutation({
    mutationFn: () => closeCorte(planId, corte.id),
    onSuccess: async (closed) => {
      setConfirming(false);
      onDone(`${corteName(closed)} cerrado.`);
      await queryClient.invalidateQueries({ queryKey: seguimientoKeys.cortes(planId) });
      await queryClient.invalidateQueries({ queryKey: seguimientoKeys.reports(planId) });
    },
  });
  if (!confirming) {
    return (
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        Cerrar el corte <span className="visually-hidden">al {formatDate(corte.periodEnd)}</span>
      </button>
    );
  }
  return (
    <fieldset className="fieldset confirm">
      <legend className="visually-hidden">Confirmar el cierre</legend>
      <p>
        ¿Cerrar el corte al {formatDate(corte.periodEnd)}? Desde ese momento nadie podrá cambiar sus
        reportes, salvo que planeación lo reabra para indicadores nombrados.
      </p>
      {close.isError && (
        <FormError>
          <p>No fue posible cerrar el corte: {errorMessage(close.error)}</p>
        </FormError>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={close.isPending}
          onClick={() => close.mutate()}
        >
          {close.isPending ? "Cerrando…" : "Sí, cerrar el corte"}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setConfirming(false)}
        >
          Cancelar
        </button>
      </div>
    </fieldset>
  );
}

function ReopenCorte({
  planId,
  corte,
  onDone,
}: {
  planId: number;
  corte: Corte;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [justification, setJustification] = useState("");
  const [until, setUntil] = useState("");
  const [indicators, setIndicators] = useState("");
  const reopen = useMutation({
    mutationFn: () =>
      reopenCorte(planId, corte.id, {
        justification,
        until,
        indicators: indicators.split(/[\s,;]+/).filter((code) => code !== ""),
      }),
    onSuccess: async (reopened) => {
      setOpen(false);
      setJustification("");
      setUntil("");
      setIndicators("");
      onDone(`${corteName(reopened)} reabierto.`);
      await queryClient.invalidateQueries({ queryKey: seguimientoKeys.cortes(planId) });
      await queryClient.invalidateQueries({ queryKey: seguimientoKeys.reports(planId) });
    },
  });
  const problems = problemsOf(reopen.error);
  if (!open) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        Reabrir el corte <span className="visually-hidden">al {formatDate(corte.periodEnd)}</span>
      </button>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    reopen.mutate();
  }

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={`Reabrir el corte al ${formatDate(corte.periodEnd)}`}
    >
      {reopen.isError && (
        <FormError>
          <p>No fue posible reabrir el corte: {problems.message}</p>
        </FormError>
      )}
      <TextAreaField
        label="Justificación de la reapertura"
        hint="Por qué se cambian reportes de un corte cerrado; queda en la calidad del dato."
        value={justification}
        onValueChange={setJustification}
        error={problems.byField.justification}
      />
      <TextField
        label="Reabierto hasta"
        type="date"
        value={until}
        onValueChange={setUntil}
        hint="Último día (inclusive) en que se pueden cambiar los reportes."
        error={problems.byField.until}
      />
      <TextField
        label="Indicadores que se reabren"
        value={indicators}
        onValueChange={setIndicators}
        hint="Códigos separados por coma, por ejemplo: 2320, 78"
        error={problems.byField.indicators}
        autoComplete="off"
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={reopen.isPending}>
          {reopen.isPending ? "Reabriendo…" : "Reabrir el corte"}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          Cancelar
        </button>
      </div>
    </form>
  );
}

function CorteCard({
  planId,
  corte,
  canManage,
  onDone,
}: {
  planId: number;
  corte: Corte;
  canManage: boolean;
  onDone: (message: string) => void;
}) {
  const headingId = `corte-${corte.id}`;
  return (
    <li>
      <article className="corte-card" aria-labelledby={headingId}>
        <h3 id={headingId}>
          {corteName(corte)} · {CORTE_STATE_LABELS[corte.state]}
        </h3>
        <p className="note">
          Apertura {formatDate(corte.opensOn)} · fecha límite {formatDate(corte.dueOn)} · cierre
          previsto {formatDate(corte.closesOn)}
          {corte.closedAt !== null &&
            ` · cerrado el ${formatDateTime(corte.closedAt)}${corte.closedBy === null ? "" : ` por ${corte.closedBy.name}`}`}
        </p>
        {corte.reopenings.length > 0 && (
          <>
            <h4>Reaperturas</h4>
            <ul>
              {corte.reopenings.map((reopening) => (
                <li key={reopening.id}>
                  Indicadores {reopening.indicators.join(", ")} hasta el{" "}
                  {formatDate(reopening.until)} ({reopening.active ? "vigente" : "vencida"}):{" "}
                  {reopening.justification}
                  {reopening.createdBy !== null && ` — ${reopening.createdBy.name}`}
                </li>
              ))}
            </ul>
          </>
        )}
        <InformeLinks planId={planId} corte={corte} />
        {canManage && corte.state === "abierto" && (
          <CloseCorte planId={planId} corte={corte} onDone={onDone} />
        )}
        {canManage && corte.state === "cerrado" && (
          <ReopenCorte planId={planId} corte={corte} onDone={onDone} />
        )}
      </article>
    </li>
  );
}

function Cortes({
  planId,
  canManage,
  canPublish,
}: {
  planId: number;
  canManage: boolean;
  canPublish: boolean;
}) {
  const cortes = useCortes(planId);
  const [notice, setNotice] = useState<string | null>(null);
  if (cortes.isPending) return <LoadingState message="Cargando los cortes…" />;
  if (cortes.isError) {
    return <ErrorState title="No fue posible cargar los cortes" error={cortes.error} />;
  }
  const sorted = [...cortes.data].sort((a, b) => (a.periodEnd < b.periodEnd ? 1 : -1));
  return (
    <>
      {notice !== null && (
        <FormSuccess>
          <p>{notice}</p>
        </FormSuccess>
      )}
      {sorted.length === 0 ? (
        <p>El plan aún no tiene cortes programados.</p>
      ) : (
        <>
          <ProgressTable cortes={sorted} />
          <section aria-labelledby="detalle-de-cortes">
            <h2 id="detalle-de-cortes">Fechas, cierre y reaperturas</h2>
            <ul className="plain-list corte-cards">
              {sorted.map((corte) => (
                <CorteCard
                  key={corte.id}
                  planId={planId}
                  corte={corte}
                  canManage={canManage}
                  onDone={setNotice}
                />
              ))}
            </ul>
          </section>
        </>
      )}
      {canManage && <CreateCorteForm planId={planId} onDone={setNotice} />}
      {canPublish && <PublicationSection planId={planId} cortes={sorted} />}
    </>
  );
}

export function CortesPage({ planId }: { planId: number }) {
  return (
    <SeguimientoFrame planId={planId} title={CORTES_TITLE}>
      {({ permissions }) => (
        <Cortes
          planId={planId}
          canManage={permissions?.actions["corte.manage"] === true}
          canPublish={permissions?.actions["plan.publish"] === true}
        />
      )}
    </SeguimientoFrame>
  );
}
