/**
 * "Actualizar desde la matriz" on the plan's page: the plan's matriz (or CSV,
 * or rumbo.plan/v1), edited in a spreadsheet, is first compared with the
 * version in force without saving anything: what the import will do (an
 * edit, a reprogramación or nothing) and every change, in core's words. Then
 * it is saved as that, naming the version it was compared with (If-Match);
 * a reprogramación carries its justification and acta.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { planVersionsPath } from "../../routes.ts";
import { errorMessage } from "../../shared/api/api-client.ts";
import { formatNumber } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { planKeys } from "../plans/plans-api.ts";
import { ChangeList } from "./change-list.tsx";
import {
  importContentType,
  type PlanUpdateAction,
  type PlanUpdateResult,
  previewPlanUpdate,
  reprogramacionRequiredOf,
  updatePlanFromFile,
  versionConflictOf,
} from "./formulation-api.ts";
import { FailedImport, PlanFileField, UPDATE_FROM_MATRIX_ID, Warnings } from "./import-plan.tsx";
import { IssuesProvider, type PlacedIssue } from "./issues.tsx";
import { fieldId } from "./plan-paths.ts";
import {
  EMPTY_REPROGRAM,
  type ReprogramDraft,
  ReprogramFields,
  reprogramacionOf,
  reprogramIssues,
} from "./reprogram-fields.tsx";

const ACTION_TEXT: Record<PlanUpdateAction, string> = {
  "sin cambios": "El archivo es igual a la versión vigente: no hay nada que guardar.",
  editar: "Se guardará como edición del plan (nueva versión).",
  reprogramar:
    "El plan está en vigencia y el archivo cambia metas, totales o ponderaciones: se guardará como reprogramación, con justificación y acta.",
};

type Reviewed = { file: File; contentType: string; result: PlanUpdateResult };

export function UpdateFromMatrix({
  planId,
  canReprogram,
}: {
  planId: number;
  /** The server's permission; without it a reprogramación will be refused. */
  canReprogram: boolean;
}) {
  const queryClient = useQueryClient();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [wrongType, setWrongType] = useState(false);
  const [reviewed, setReviewed] = useState<Reviewed | null>(null);
  const [reprogram, setReprogram] = useState<ReprogramDraft>(EMPTY_REPROGRAM);
  const [missing, setMissing] = useState<PlacedIssue[]>([]);

  const preview = useMutation({
    mutationFn: async ({ file: f, contentType }: { file: File; contentType: string }) => ({
      file: f,
      contentType,
      result: await previewPlanUpdate(planId, f, contentType),
    }),
    onSuccess: setReviewed,
  });
  const save = useMutation({
    mutationFn: (r: Reviewed) =>
      updatePlanFromFile(
        planId,
        r.file,
        r.contentType,
        r.result.version,
        r.result.action === "reprogramar" ? reprogramacionOf(reprogram) : null,
      ),
    onSuccess: async () => {
      setReprogram(EMPTY_REPROGRAM);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.detail(planId) }),
        queryClient.invalidateQueries({ queryKey: planKeys.all, exact: true }),
      ]);
    },
  });

  function choose(chosen: File | null): void {
    setFile(chosen);
    setReviewed(null);
    setWrongType(false);
    setMissing([]);
    preview.reset();
    save.reset();
  }

  function review(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const contentType = file === null ? null : importContentType(file.name);
    if (file === null || contentType === null) {
      setWrongType(true);
      return;
    }
    save.reset();
    preview.mutate({ file, contentType });
  }

  function commit(r: Reviewed): void {
    if (r.result.action === "reprogramar") {
      const issues = reprogramIssues(reprogram).map((issue) => ({
        ...issue,
        fieldPath: issue.path,
      }));
      setMissing(issues);
      if (issues.length > 0) {
        const first = issues[0];
        if (first !== undefined) document.getElementById(fieldId(first.fieldPath))?.focus();
        return;
      }
    }
    save.mutate(r);
  }

  const conflict = save.isError ? versionConflictOf(save.error) : null;
  const stillRequired = save.isError ? reprogramacionRequiredOf(save.error) : null;
  const otherError = save.isError && conflict === null && stillRequired === null;
  const action = reviewed?.result.action ?? null;

  return (
    <details
      className="import-plan"
      id={UPDATE_FROM_MATRIX_ID}
      // Opened when the import of a new plan sent the person here (the plan already existed).
      open={window.location.hash === `#${UPDATE_FROM_MATRIX_ID}` || undefined}
    >
      <summary>Actualizar desde la matriz</summary>
      <form className="form" onSubmit={review} noValidate>
        <PlanFileField
          inputId={inputId}
          label="Matriz editada del plan"
          hint="Descargue la matriz (XLSX), cámbiela en su hoja de cálculo y súbala aquí. Primero se comparan los cambios con la versión vigente, sin guardar nada."
          wrongType={wrongType}
          onChoose={choose}
        />
        <button type="submit" className="button button-secondary" disabled={preview.isPending}>
          {preview.isPending ? "Comparando…" : "Ver los cambios"}
        </button>
      </form>
      {preview.isError && (
        <FailedImport error={preview.error} title="El archivo no se puede usar" />
      )}
      {reviewed !== null && action !== null && !save.isSuccess && (
        <section className="plan-update" aria-labelledby={`${inputId}-cambios`}>
          <h3 id={`${inputId}-cambios`}>
            Cambios frente a la versión {formatNumber(reviewed.result.version)}
          </h3>
          <p role="status">{ACTION_TEXT[action]}</p>
          {reviewed.result.changes.length > 0 && (
            <>
              <p>
                {formatNumber(reviewed.result.changes.length)}{" "}
                {reviewed.result.changes.length === 1 ? "cambio" : "cambios"}:
              </p>
              <ChangeList changes={reviewed.result.changes} label="Cambios que trae la matriz" />
            </>
          )}
          <Warnings warnings={reviewed.result.warnings} />
          {action === "reprogramar" && (
            <IssuesProvider issues={missing}>
              <ReprogramFields
                value={reprogram}
                onChange={setReprogram}
                changes={[]}
                canReprogram={canReprogram}
              />
            </IssuesProvider>
          )}
          {action !== "sin cambios" && (
            <button
              type="button"
              className="button"
              disabled={save.isPending}
              onClick={() => commit(reviewed)}
            >
              {save.isPending
                ? "Guardando…"
                : action === "reprogramar"
                  ? "Guardar la reprogramación"
                  : "Guardar como edición"}
            </button>
          )}
        </section>
      )}
      {conflict !== null && (
        <FormError>
          <p>
            {errorMessage(save.error)} Vuelva a revisar el archivo para ver los cambios frente a la
            versión{" "}
            {conflict.currentVersion === null ? "actual" : formatNumber(conflict.currentVersion)}.
          </p>
        </FormError>
      )}
      {stillRequired !== null && (
        <FormError>
          <p>{errorMessage(save.error)}</p>
        </FormError>
      )}
      {otherError && <FailedImport error={save.error} title="No fue posible guardar" />}
      {save.isSuccess && (
        <FormSuccess>
          <p>
            {save.data.action === "reprogramar" ? "Reprogramación guardada" : "Cambios guardados"}:
            versión {formatNumber(save.data.version)}.{" "}
            <Link to={planVersionsPath(planId)}>Ver el historial de versiones</Link>
          </p>
        </FormSuccess>
      )}
    </details>
  );
}
