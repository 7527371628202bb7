/**
 * Reportes por revisar (`/planes/:id/seguimiento/revision`): each submitted
 * report beside the previous period and the period's target; approve it or
 * return it with a comment, one by one or several selected at once. Each call
 * carries that report's own version (If-Match), so a report changed meanwhile
 * answers 409 and the page says which ones went through and which did not.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { reportHistoryPath, reportPath } from "../../routes.ts";
import { ApiError, errorMessage } from "../../shared/api/api-client.ts";
import { formatDateTime, formatNumber } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { ErrorState, LoadingState } from "../../shared/ui/query-state.tsx";
import { TextAreaField } from "../../shared/ui/text-area-field.tsx";
import { COMMENT_REQUIRED, reportTitle } from "./labels.ts";
import {
  addressOf,
  approveReport,
  type ReportSummary,
  returnReport,
  seguimientoKeys,
  useReports,
} from "./seguimiento-api.ts";
import { ReportedValue, SeguimientoFrame, StatusTag, TargetValue } from "./seguimiento-frame.tsx";

export const REVIEW_QUEUE_TITLE = "Reportes por revisar";

type Decision = "approve" | "return";

type Outcome = {
  key: string;
  title: string;
  decision: Decision;
  ok: boolean;
  message: string;
};

function keyOf(report: ReportSummary): string {
  return `${report.indicator}|${report.period}|${report.area ?? ""}`;
}

function outcomeMessage(decision: Decision, error: unknown): string {
  const verb = decision === "approve" ? "No se aprobó" : "No se devolvió";
  if (error instanceof ApiError && error.status === 409) {
    return `${verb} (conflicto 409): ${errorMessage(error)}`;
  }
  return `${verb}: ${errorMessage(error)}`;
}

async function decide(
  report: ReportSummary,
  decision: Decision,
  comment: string,
): Promise<Outcome> {
  const base = { key: keyOf(report), title: reportTitle(report), decision };
  try {
    const address = addressOf(report);
    if (decision === "approve") await approveReport(address, report.version);
    else await returnReport(address, report.version, comment);
    return {
      ...base,
      ok: true,
      message: decision === "approve" ? "Aprobado." : "Devuelto con el comentario.",
    };
  } catch (error) {
    return { ...base, ok: false, message: outcomeMessage(decision, error) };
  }
}

function Outcomes({ outcomes }: { outcomes: readonly Outcome[] }) {
  if (outcomes.length === 0) return null;
  const done = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.length - done;
  return (
    <section className="review-outcomes" aria-labelledby="resultado-de-la-revision">
      <h2 id="resultado-de-la-revision">Resultado de la revisión</h2>
      <p role="status">
        {formatNumber(done)} {done === 1 ? "reporte revisado" : "reportes revisados"}
        {failed > 0 &&
          `; ${formatNumber(failed)} no se ${failed === 1 ? "pudo" : "pudieron"} revisar`}
        .
      </p>
      <ul className="plain-list">
        {outcomes.map((outcome) => (
          <li key={outcome.key} className={outcome.ok ? "outcome-ok" : "outcome-failed"}>
            <strong>{outcome.title}:</strong> {outcome.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReviewCard({
  report,
  selected,
  onSelect,
  busy,
  onDecide,
}: {
  report: ReportSummary;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  busy: boolean;
  onDecide: (decision: Decision, comment: string) => void;
}) {
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | undefined>(undefined);
  const title = reportTitle(report);
  const titleId = `revision-${keyOf(report).replace(/[^A-Za-z0-9-]/g, "-")}`;

  function returnIt(): void {
    if (comment.trim() === "") {
      setCommentError(COMMENT_REQUIRED);
      return;
    }
    setCommentError(undefined);
    onDecide("return", comment.trim());
  }

  return (
    <li>
      <article className="review-card" aria-labelledby={titleId}>
        <h2 id={titleId}>{title}</h2>
        <p className="report-line-name">{report.indicatorName}</p>
        <p className="note">
          <StatusTag status={report.status} />
          {report.submittedBy !== null && ` Enviado por ${report.submittedBy.name}`}
          {report.submittedAt !== null && ` el ${formatDateTime(report.submittedAt)}`}
          {report.late && " · después de la fecha límite"}
        </p>
        <dl className="side-by-side">
          <div>
            <dt>Valor reportado</dt>
            <dd>
              <ReportedValue value={report.value} unit={report.unit} />
            </dd>
          </div>
          <div>
            <dt>Periodo anterior</dt>
            <dd>
              <ReportedValue value={report.previousValue} unit={report.unit} />
            </dd>
          </div>
          <div>
            <dt>Meta de la vigencia</dt>
            <dd>
              <TargetValue target={report.target} unit={report.unit} />
            </dd>
          </div>
        </dl>
        <p>
          <Link to={reportPath(report.planId, report.indicator, report.period, report.area)}>
            Ver el análisis y los soportes<span className="visually-hidden"> de {title}</span>
          </Link>{" "}
          ·{" "}
          <Link to={reportHistoryPath(report.planId, report.indicator, report.period, report.area)}>
            Historial<span className="visually-hidden"> de {title}</span>
          </Link>
        </p>
        {report.canReview ? (
          <div className="review-actions">
            <label className="radio">
              <input
                type="checkbox"
                checked={selected}
                onChange={(event) => onSelect(event.target.checked)}
              />
              Seleccionar <span className="visually-hidden">{title}</span>
            </label>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => onDecide("approve", "")}
            >
              Aprobar <span className="visually-hidden">{title}</span>
            </button>
            <TextAreaField
              label="Comentario de devolución"
              hint="Qué debe corregir quien reporta; lo verá en su reporte."
              value={comment}
              onValueChange={setComment}
              error={commentError}
              rows={3}
            />
            <button
              type="button"
              className="button button-secondary"
              disabled={busy}
              onClick={returnIt}
            >
              Devolver <span className="visually-hidden">{title}</span>
            </button>
          </div>
        ) : (
          <p className="note">Su cuenta no puede revisar este reporte.</p>
        )}
      </article>
    </li>
  );
}

function ReviewQueue({ planId }: { planId: number }) {
  const queryClient = useQueryClient();
  const reports = useReports(planId, { review: "true" });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkComment, setBulkComment] = useState("");
  const [bulkError, setBulkError] = useState<string | undefined>(undefined);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [busy, setBusy] = useState(false);

  async function run(targets: readonly ReportSummary[], decision: Decision, comment: string) {
    setBusy(true);
    try {
      // One after the other: each call with its own If-Match, each answer its own.
      const results: Outcome[] = [];
      for (const report of targets) results.push(await decide(report, decision, comment));
      setOutcomes(results);
      const done = new Set(results.filter((r) => r.ok).map((r) => r.key));
      setSelected((current) => new Set([...current].filter((key) => !done.has(key))));
      await queryClient.invalidateQueries({ queryKey: seguimientoKeys.reports(planId) });
      await queryClient.invalidateQueries({ queryKey: seguimientoKeys.cortes(planId) });
    } finally {
      setBusy(false);
    }
  }

  if (reports.isPending) return <LoadingState message="Cargando los reportes por revisar…" />;
  if (reports.isError) {
    return (
      <ErrorState title="No fue posible cargar los reportes por revisar" error={reports.error} />
    );
  }
  const reviewable = reports.data.filter((r) => r.canReview);
  const chosen = reports.data.filter((r) => selected.has(keyOf(r)));

  function select(report: ReportSummary, on: boolean): void {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(keyOf(report));
      else next.delete(keyOf(report));
      return next;
    });
  }

  function returnSelected(): void {
    if (bulkComment.trim() === "") {
      setBulkError(COMMENT_REQUIRED);
      return;
    }
    setBulkError(undefined);
    void run(chosen, "return", bulkComment.trim());
  }

  return (
    <>
      <Outcomes outcomes={outcomes} />
      {reports.data.length === 0 ? (
        <p>No hay reportes esperando revisión.</p>
      ) : (
        <>
          {reviewable.length > 0 && (
            <fieldset className="fieldset bulk-review">
              <legend>Revisar varios a la vez</legend>
              <label className="radio">
                <input
                  type="checkbox"
                  checked={chosen.length === reviewable.length}
                  onChange={(event) =>
                    setSelected(event.target.checked ? new Set(reviewable.map(keyOf)) : new Set())
                  }
                />
                Seleccionar todos ({formatNumber(reviewable.length)})
              </label>
              <p role="status">
                {formatNumber(chosen.length)}{" "}
                {chosen.length === 1 ? "reporte seleccionado" : "reportes seleccionados"}
              </p>
              <div className="button-row">
                <button
                  type="button"
                  className="button"
                  disabled={busy || chosen.length === 0}
                  onClick={() => void run(chosen, "approve", "")}
                >
                  Aprobar los seleccionados
                </button>
              </div>
              <TextAreaField
                label="Comentario para devolver los seleccionados"
                value={bulkComment}
                onValueChange={setBulkComment}
                error={bulkError}
                rows={3}
              />
              <button
                type="button"
                className="button button-secondary"
                disabled={busy || chosen.length === 0}
                onClick={returnSelected}
              >
                Devolver los seleccionados
              </button>
            </fieldset>
          )}
          <ul className="plain-list review-cards">
            {reports.data.map((report) => (
              <ReviewCard
                key={keyOf(report)}
                report={report}
                selected={selected.has(keyOf(report))}
                onSelect={(on) => select(report, on)}
                busy={busy}
                onDecide={(decision, comment) => void run([report], decision, comment)}
              />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function ReviewQueuePage({ planId }: { planId: number }) {
  return (
    <SeguimientoFrame planId={planId} title={REVIEW_QUEUE_TITLE}>
      {() => <ReviewQueue planId={planId} />}
    </SeguimientoFrame>
  );
}
