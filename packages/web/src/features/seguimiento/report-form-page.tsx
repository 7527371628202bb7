/**
 * The reporte de avance of one indicator and period
 * (`/planes/:id/indicadores/:code/reportes/:period`): the value (or numerator
 * and denominator of a razón) as typed, with decimal comma; the four analysis
 * texts; the explanation of each warning the server computed; the soportes.
 * Every write names the version it started from (If-Match) and a refused
 * write keeps every typed character in the form, with the reason in Spanish
 * next to the field the server named.
 */
import {
  type Indicator,
  isProgrammed,
  REPORT_WARNING_CODES,
  type ReportWarningCode,
} from "@rumbo/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { AREA_PARAM, planPath, reportHistoryPath } from "../../routes.ts";
import { ApiError, errorMessage } from "../../shared/api/api-client.ts";
import { formatDateTime, formatNumber, formatValue } from "../../shared/format.ts";
import { Link, useSearch } from "../../shared/router.tsx";
import { FormSuccess } from "../../shared/ui/form-messages.tsx";
import { ErrorState, LoadingState } from "../../shared/ui/query-state.tsx";
import { TextAreaField } from "../../shared/ui/text-area-field.tsx";
import { TextField } from "../../shared/ui/text-field.tsx";
import { formatDecimalInput } from "../formulation/decimal-input.ts";
import type { PlanDetail } from "../plans/plans-api.ts";
import { AreaSharesPanel } from "./area-shares-panel.tsx";
import { EvidenceEditor } from "./evidence-editor.tsx";
import {
  EXPLANATION_LABELS,
  lockMessage,
  periodYear,
  reportSubject,
  WARNING_LABELS,
} from "./labels.ts";
import { PreviousPeriods } from "./previous-periods.tsx";
import { ReviewPanel } from "./review-panel.tsx";
import {
  type Evidence,
  isVersionConflict,
  placeProblems,
  type Report,
  type ReportAddress,
  type ReportField,
  type SaveReportBody,
  saveReport,
  seguimientoKeys,
  submitReport,
  useReport,
} from "./seguimiento-api.ts";
import { SeguimientoFrame, StatusTag } from "./seguimiento-frame.tsx";

type Analysis = Report["analysis"];

export const ANALYSIS_FIELDS: readonly { key: keyof Analysis; label: string; hint: string }[] = [
  { key: "achievements", label: "Logros", hint: "Qué se logró en el periodo." },
  {
    key: "difficulties",
    label: "Retrasos y dificultades",
    hint: "Qué demoró o impidió el avance.",
  },
  {
    key: "actions",
    label: "Soluciones / acciones de mejora",
    hint: "Qué se hará para superar los retrasos.",
  },
  {
    key: "benefits",
    label: "Beneficios a la ciudadanía",
    hint: "Qué ganó la ciudadanía con lo logrado.",
  },
];

type Draft = {
  value: string;
  numerator: string;
  denominator: string;
  analysis: Analysis;
  explanations: Record<ReportWarningCode, string>;
  evidence: Evidence[];
};

function draftOf(report: Report): Draft {
  return {
    value: formatDecimalInput(report.value),
    numerator: formatDecimalInput(report.numerator),
    denominator: formatDecimalInput(report.denominator),
    analysis: { ...report.analysis },
    explanations: {
      semaforo: report.explanations.semaforo ?? "",
      sobreejecucion: report.explanations.sobreejecucion ?? "",
      atipico: report.explanations.atipico ?? "",
    },
    evidence: report.evidence,
  };
}

/** The value as typed: the server reads the decimal comma; empty is no value. */
function typed(text: string): string | null {
  return text.trim() === "" ? null : text.trim();
}

function bodyOf(draft: Draft, ratio: boolean): SaveReportBody {
  const value = ratio
    ? { numerator: typed(draft.numerator), denominator: typed(draft.denominator) }
    : { value: typed(draft.value) };
  return {
    ...value,
    analysis: draft.analysis,
    explanations: draft.explanations,
    evidence: draft.evidence.map((item) =>
      item.kind === "file"
        ? { kind: "file" as const, sha256: item.sha256 }
        : { kind: "link" as const, url: item.url, title: item.title },
    ),
  };
}

function findIndicator(plan: PlanDetail, code: string): Indicator | null {
  for (const objective of plan.objectives) {
    const indicator = objective.indicators.find((i) => i.code === code);
    if (indicator !== undefined) return indicator;
  }
  return null;
}

const LOCK_CODES: ReadonlySet<string> = new Set([
  "CORTE_CLOSED",
  "NOT_OPEN_YET",
  "UNDER_REVIEW",
  "APPROVED",
  "INVALID_TRANSITION",
]);

type Failure = { action: "save" | "submit" | "upload"; error: unknown };

function FailureNotice({
  failure,
  onReload,
  reloading,
}: {
  failure: Failure;
  onReload: () => void;
  reloading: boolean;
}) {
  const what =
    failure.action === "submit"
      ? "No fue posible enviar el reporte"
      : failure.action === "upload"
        ? "No fue posible adjuntar el soporte"
        : "No fue posible guardar el borrador";
  const { byField, general } = placeProblems(failure.error);
  const placedCount = Object.keys(byField).length;
  return (
    <div className="form-error" role="alert" aria-labelledby="problema-del-reporte">
      <h2 id="problema-del-reporte">{what}</h2>
      <p>{errorMessage(failure.error)}</p>
      {general.length > 0 && (
        <ul>
          {general.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {placedCount > 0 && <p>Cada problema se muestra junto a su campo.</p>}
      <p>Lo que escribió sigue en el formulario: no se perdió nada.</p>
      {isVersionConflict(failure.error) && (
        <>
          <p>
            Otra persona guardó este reporte mientras usted escribía. Traiga la versión actual (sus
            textos se conservan) y vuelva a guardar.
          </p>
          <button type="button" className="button" onClick={onReload} disabled={reloading}>
            {reloading
              ? "Trayendo la versión actual…"
              : "Traer la versión actual sin perder mis textos"}
          </button>
        </>
      )}
    </div>
  );
}

function RecordedLine({ report }: { report: Report }) {
  return (
    <p className="report-state">
      Estado: <StatusTag status={report.status} />
      {report.version > 0 && <> · versión {formatNumber(report.version)}</>}
      {report.recordedAt !== null && (
        <>
          {" "}
          · última acción el {formatDateTime(report.recordedAt)}
          {report.recordedBy !== null && <> por {report.recordedBy.name}</>}
        </>
      )}
      {report.late && <> · enviado después de la fecha límite</>}
    </p>
  );
}

function WarningsSection({
  report,
  draft,
  onExplain,
  errors,
}: {
  report: Report;
  draft: Draft;
  onExplain: (code: ReportWarningCode, text: string) => void;
  errors: Partial<Record<ReportField, string>>;
}) {
  return (
    <section className="report-warnings" aria-labelledby="advertencias">
      <h2 id="advertencias">Advertencias</h2>
      <p className="hint">
        Rumbo las calcula al guardar. No impiden guardar; para enviar a revisión cada una necesita
        su explicación.
      </p>
      {report.warnings.length === 0 ? (
        <p>La última versión guardada no tiene advertencias.</p>
      ) : (
        <ul className="plain-list warning-list">
          {report.warnings.map((warning) => (
            <li
              key={warning.code}
              className={warning.explained ? "warning warning-explained" : "warning"}
            >
              <p>
                <strong>{WARNING_LABELS[warning.code]}:</strong> {warning.message}{" "}
                <span
                  className={
                    warning.explained ? "status status-aprobado" : "status status-devuelto"
                  }
                >
                  {warning.explained ? "Explicada" : "Sin explicar"}
                </span>
              </p>
              <TextAreaField
                label={EXPLANATION_LABELS[warning.code]}
                value={draft.explanations[warning.code]}
                onValueChange={(text) => onExplain(warning.code, text)}
                error={errors[warning.code]}
                rows={3}
              />
            </li>
          ))}
        </ul>
      )}
      {REPORT_WARNING_CODES.filter(
        (code) => errors[code] !== undefined && !report.warnings.some((w) => w.code === code),
      ).map((code) => (
        <p key={code} className="field-error">
          {WARNING_LABELS[code]}: {errors[code]}
        </p>
      ))}
    </section>
  );
}

function ReportForm({
  address,
  report,
  indicator,
  readOnlyReason,
}: {
  address: ReportAddress;
  report: Report;
  indicator: Indicator;
  readOnlyReason: string | null;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(report));
  const [failure, setFailure] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const ratio = indicator.measure === "razon";
  const reportKey = seguimientoKeys.report(address);

  async function stored(result: Report): Promise<void> {
    queryClient.setQueryData(reportKey, result);
    await queryClient.invalidateQueries({
      queryKey: seguimientoKeys.reports(address.planId),
      predicate: (query) => query.queryKey[3] === "list",
    });
  }

  const write = useMutation({
    mutationFn: async (action: "save" | "submit"): Promise<Report> => {
      const saved = await saveReport(address, report.version, bodyOf(draft, ratio));
      if (action === "save") return saved;
      queryClient.setQueryData(reportKey, saved);
      return submitReport(address, saved.version);
    },
    onMutate: () => {
      setFailure(null);
      setNotice(null);
    },
    onSuccess: async (result, action) => {
      await stored(result);
      setNotice(
        action === "submit"
          ? `Reporte enviado a revisión (versión ${formatNumber(result.version)}).`
          : `Borrador guardado (versión ${formatNumber(result.version)}).`,
      );
    },
    onError: async (error, action) => {
      setFailure({ action, error });
      // A lock that came meanwhile (the corte closed, someone approved): show it.
      if (error instanceof ApiError && LOCK_CODES.has(error.code)) {
        await queryClient.invalidateQueries({ queryKey: reportKey, exact: true });
      }
    },
  });

  async function reloadKeepingText(): Promise<void> {
    setReloading(true);
    try {
      await queryClient.refetchQueries({ queryKey: reportKey, exact: true });
      setFailure(null);
      setNotice(
        "Se trajo la versión actual; sus textos siguen en el formulario. Vuelva a guardar.",
      );
    } finally {
      setReloading(false);
    }
  }

  const errors = failure === null ? {} : placeProblems(failure.error).byField;
  const readOnly = readOnlyReason !== null;
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const unit = indicator.unit;
  // On a phone the ficha comes after the form: the period's target goes with the value.
  const year = periodYear(address.period);
  const target = year === null ? undefined : indicator.targets[String(year)];
  const targetHint =
    year !== null && isProgrammed(target, indicator.trend)
      ? ` Meta de la vigencia ${year}: ${formatValue(target, unit)}.`
      : "";
  const valueHint = `Use coma decimal, por ejemplo 12,5${unit === undefined ? "" : `. Unidad: ${unit}`}.${targetHint}`;

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    write.mutate("submit");
  }

  return (
    <>
      {notice !== null && (
        <FormSuccess>
          <p>{notice}</p>
        </FormSuccess>
      )}
      {failure !== null && (
        <FailureNotice failure={failure} onReload={reloadKeepingText} reloading={reloading} />
      )}
      <form className="report-form" onSubmit={submit} noValidate aria-label="Reporte de avance">
        <fieldset className="fieldset-inner" disabled={readOnly}>
          <legend className="visually-hidden">Valor y análisis del periodo</legend>
          <section className="report-value" aria-labelledby="valor-del-periodo">
            <h2 id="valor-del-periodo">Valor reportado</h2>
            {ratio ? (
              <div className="ratio-fields">
                <TextField
                  label="Numerador"
                  value={draft.numerator}
                  onValueChange={(numerator) => set({ numerator })}
                  hint={indicator.numerator ?? "Use coma decimal, por ejemplo 12,5."}
                  error={errors.numerator}
                  inputMode="decimal"
                  autoComplete="off"
                />
                <TextField
                  label="Denominador"
                  value={draft.denominator}
                  onValueChange={(denominator) => set({ denominator })}
                  hint={indicator.denominator ?? "Use coma decimal, por ejemplo 12,5."}
                  error={errors.denominator}
                  inputMode="decimal"
                  autoComplete="off"
                />
                {errors.value !== undefined && <p className="field-error">{errors.value}</p>}
                {report.value !== null && (
                  <p className="note">
                    Valor calculado por Rumbo en la última versión guardada:{" "}
                    {formatValue(report.value, unit)}
                  </p>
                )}
              </div>
            ) : (
              <TextField
                label="Valor del periodo"
                value={draft.value}
                onValueChange={(value) => set({ value })}
                hint={valueHint}
                error={errors.value}
                inputMode="decimal"
                autoComplete="off"
              />
            )}
          </section>
          <section className="report-analysis" aria-labelledby="analisis-del-periodo">
            <h2 id="analisis-del-periodo">Análisis del periodo</h2>
            {ANALYSIS_FIELDS.map((field) => (
              <TextAreaField
                key={field.key}
                label={field.label}
                hint={field.hint}
                value={draft.analysis[field.key]}
                onValueChange={(text) =>
                  set({ analysis: { ...draft.analysis, [field.key]: text } })
                }
                error={errors[field.key]}
              />
            ))}
          </section>
          <WarningsSection
            report={report}
            draft={draft}
            errors={errors}
            onExplain={(code, text) =>
              set({ explanations: { ...draft.explanations, [code]: text } })
            }
          />
        </fieldset>
        <EvidenceEditor
          address={address}
          report={report}
          evidence={draft.evidence}
          onEvidenceChange={(evidence) => setDraft((current) => ({ ...current, evidence }))}
          onUploaded={async (result) => {
            await stored(result);
            setFailure(null);
          }}
          onUploadFailed={(error) => setFailure({ action: "upload", error })}
          error={errors.evidence}
          readOnly={readOnly}
        />
        {!readOnly && (
          <div className="form-footer button-row">
            <button
              type="button"
              className="button button-secondary"
              disabled={write.isPending}
              onClick={() => write.mutate("save")}
            >
              {write.isPending && write.variables === "save" ? "Guardando…" : "Guardar borrador"}
            </button>
            <button type="submit" className="button" disabled={write.isPending}>
              {write.isPending && write.variables === "submit" ? "Enviando…" : "Enviar a revisión"}
            </button>
          </div>
        )}
      </form>
    </>
  );
}

function FichaAside({
  planId,
  indicator,
  address,
}: {
  planId: number;
  indicator: Indicator;
  address: ReportAddress;
}) {
  const year = periodYear(address.period);
  const target = year === null ? undefined : indicator.targets[String(year)];
  return (
    <aside className="report-ficha" aria-labelledby="ficha-del-indicador">
      <h2 id="ficha-del-indicador">Ficha del indicador</h2>
      <dl className="facts facts-stacked">
        <div>
          <dt>Indicador</dt>
          <dd>{indicator.name}</dd>
        </div>
        <div>
          <dt>Unidad</dt>
          <dd>{indicator.unit ?? "Sin unidad declarada"}</dd>
        </div>
        {indicator.measure !== undefined && (
          <div>
            <dt>Tipo de medida</dt>
            <dd>
              {indicator.measure === "razon"
                ? "Razón (numerador / denominador)"
                : indicator.measure}
            </dd>
          </div>
        )}
        {indicator.frequency !== undefined && (
          <div>
            <dt>Frecuencia</dt>
            <dd>{indicator.frequency}</dd>
          </div>
        )}
        {year !== null && (
          <div>
            <dt>Meta de la vigencia {year}</dt>
            <dd>
              {isProgrammed(target, indicator.trend) ? (
                formatValue(target, indicator.unit)
              ) : (
                <abbr title="No programado">NP</abbr>
              )}
            </dd>
          </div>
        )}
        {indicator.total !== undefined && indicator.total !== null && (
          <div>
            <dt>Meta del plan</dt>
            <dd>{formatValue(indicator.total, indicator.unit)}</dd>
          </div>
        )}
      </dl>
      <PreviousPeriods planId={planId} indicator={indicator} address={address} />
    </aside>
  );
}

function ReportView({
  plan,
  address,
  mayReport,
  mayReview,
}: {
  plan: PlanDetail;
  address: ReportAddress;
  mayReport: boolean;
  mayReview: boolean;
}) {
  const report = useReport(address);
  const indicator = findIndicator(plan, address.indicatorCode);
  if (indicator === null) {
    return <p>El plan no tiene el indicador {address.indicatorCode}.</p>;
  }
  if (report.isPending) return <LoadingState message="Cargando el reporte…" />;
  if (report.isError) {
    return <ErrorState title="No fue posible cargar el reporte" error={report.error} />;
  }
  const data = report.data;
  // A reviewer who does not report the indicator reads it to decide, not to wait for planeación.
  const reviewing = mayReview && !mayReport && data.lock === "UNDER_REVIEW";
  const readOnlyReason =
    data.lock !== null && !reviewing
      ? lockMessage(data.lock)
      : mayReport
        ? null
        : "Su cuenta no reporta este indicador: puede consultar el reporte, no cambiarlo.";
  return (
    <div className="report-layout">
      <div className="report-main">
        <RecordedLine report={data} />
        {data.status === "devuelto" && data.returnComment !== null && (
          <div className="callout return-comment" role="note" aria-labelledby="devolucion">
            <h2 id="devolucion">Planeación devolvió el reporte</h2>
            <p>{data.returnComment}</p>
          </div>
        )}
        {readOnlyReason !== null && (
          <p className="callout lock-reason" role="note">
            <strong>Solo lectura.</strong> {readOnlyReason}
          </p>
        )}
        {data.areas && <AreaSharesPanel areas={data.areas} unit={indicator.unit} />}
        <ReportForm
          address={address}
          report={data}
          indicator={indicator}
          readOnlyReason={readOnlyReason}
        />
        {/* After the value, the analysis and the soportes: the reviewer decides having read them. */}
        {mayReview && <ReviewPanel address={address} report={data} />}
        <p>
          <Link
            to={reportHistoryPath(
              address.planId,
              address.indicatorCode,
              address.period,
              address.area,
            )}
          >
            Ver el historial del reporte
          </Link>{" "}
          · <Link to={planPath(address.planId)}>Volver al plan</Link>
        </p>
      </div>
      <FichaAside planId={plan.id} indicator={indicator} address={address} />
    </div>
  );
}

export function useAreaParam(): string | null {
  const area = new URLSearchParams(useSearch()).get(AREA_PARAM);
  return area === null || area === "" ? null : area;
}

export function ReportFormPage({
  planId,
  indicatorCode,
  period,
}: {
  planId: number;
  indicatorCode: string;
  period: string;
}) {
  const area = useAreaParam();
  const address: ReportAddress = { planId, indicatorCode, period, area };
  return (
    <SeguimientoFrame
      planId={planId}
      title={`Reporte del ${reportSubject({ indicator: indicatorCode, period, area })}`}
    >
      {({ plan, permissions }) => (
        <ReportView
          // A new address starts from a fresh form.
          key={`${indicatorCode}|${period}|${area ?? ""}`}
          plan={plan}
          address={address}
          mayReport={
            permissions === undefined || permissions.reportableIndicators.includes(indicatorCode)
          }
          mayReview={permissions?.actions["report.review"] === true}
        />
      )}
    </SeguimientoFrame>
  );
}
