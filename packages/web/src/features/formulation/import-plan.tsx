/**
 * "Importar plan" on the plan list: a plan file (XLSX, CSV or rumbo.plan/v1
 * JSON) is first checked without saving (`dryRun=true`), showing every
 * problem and warning; only then can it be imported.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { planPath } from "../../routes.ts";
import { errorMessage } from "../../shared/api/api-client.ts";
import { formatNumber } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { planKeys } from "../plans/plans-api.ts";
import {
  existingPlanOf,
  type ImportProblem,
  type ImportResult,
  type ImportWarning,
  importContentType,
  importPlan,
  importProblemsOf,
} from "./formulation-api.ts";
import { severityLabel } from "./issues.tsx";
import { keyed } from "./keyed.ts";

const ACCEPT = [
  ".xlsx",
  ".csv",
  ".json",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "text/csv",
  "application/json",
].join(",");

/**
 * "Hoja Objetivos, fila 12, columna D: …". The server's messages already name
 * the place in the file (and the JSON path), so the path is not repeated.
 */
export function describeProblem(problem: ImportProblem): string {
  const where = [
    problem.sheet === undefined ? null : `hoja ${problem.sheet}`,
    problem.row === undefined ? null : `fila ${formatNumber(problem.row)}`,
    problem.column === undefined ? null : `columna ${problem.column}`,
  ].filter((part): part is string => part !== null);
  if (where.length === 0) return problem.message;
  const place = where.join(", ");
  return `${place.charAt(0).toUpperCase()}${place.slice(1)}: ${problem.message}`;
}

function Problems({ problems }: { problems: readonly ImportProblem[] }) {
  return (
    <ul>
      {keyed(problems, describeProblem).map(({ key, item }) => (
        <li key={key}>{describeProblem(item)}</li>
      ))}
    </ul>
  );
}

export function Warnings({ warnings }: { warnings: readonly ImportWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <>
      <p>
        {formatNumber(warnings.length)} {warnings.length === 1 ? "advertencia" : "advertencias"} (no
        impiden importar):
      </p>
      <ul>
        {keyed(warnings, (w) => `${w.path}|${w.message}`).map(({ key, item }) => (
          <li key={key}>
            <span className="issue-severity">{severityLabel(item)}:</span>{" "}
            {item.location ? `${item.location}: ` : ""}
            {item.message}
          </li>
        ))}
      </ul>
    </>
  );
}

type Checked = { file: File; contentType: string; warnings: ImportWarning[] };

export function FailedImport({ error, title }: { error: unknown; title: string }) {
  const problems = importProblemsOf(error);
  const existing = existingPlanOf(error);
  return (
    <FormError>
      <p>
        {title}: {errorMessage(error)}
      </p>
      {existing !== null && (
        <p>
          <Link to={`${planPath(existing.planId)}#${UPDATE_FROM_MATRIX_ID}`}>
            Ir al plan {existing.code} para actualizarlo desde la matriz
          </Link>
        </p>
      )}
      {problems.length > 0 && (
        <>
          <p>
            {formatNumber(problems.length)} {problems.length === 1 ? "problema" : "problemas"} en el
            archivo:
          </p>
          <Problems problems={problems} />
        </>
      )}
    </FormError>
  );
}

/** The anchor of "Actualizar desde la matriz" on the plan's page. */
export const UPDATE_FROM_MATRIX_ID = "actualizar-desde-la-matriz";

/** The accepted file types of the plan's file inputs. */
/** The file input of an import: its hint, and the error when the file is not a plan file. */
export function PlanFileField({
  inputId,
  label,
  hint,
  wrongType,
  onChoose,
}: {
  inputId: string;
  label: string;
  hint: string;
  wrongType: boolean;
  onChoose: (file: File | null) => void;
}) {
  return (
    <div className={wrongType ? "field field-invalid" : "field"}>
      <label htmlFor={inputId}>{label}</label>
      <p id={`${inputId}-ayuda`} className="hint">
        {hint}
      </p>
      {wrongType && (
        <p id={`${inputId}-error`} className="field-error" role="alert">
          Elija un archivo .xlsx, .csv o .json.
        </p>
      )}
      <input
        id={inputId}
        type="file"
        accept={ACCEPT}
        aria-describedby={wrongType ? `${inputId}-ayuda ${inputId}-error` : `${inputId}-ayuda`}
        aria-invalid={wrongType ? true : undefined}
        onChange={(event) => onChoose(event.target.files?.[0] ?? null)}
      />
    </div>
  );
}

export function ImportPlan() {
  const queryClient = useQueryClient();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [wrongType, setWrongType] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);

  const dryRun = useMutation({
    mutationFn: async ({ file: f, contentType }: { file: File; contentType: string }) => {
      const result = await importPlan(f, contentType, true);
      return { file: f, contentType, warnings: result.warnings };
    },
    onSuccess: setChecked,
  });
  const commit = useMutation({
    mutationFn: (c: Checked): Promise<ImportResult> => importPlan(c.file, c.contentType, false),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKeys.all, exact: true });
    },
  });

  function choose(chosen: File | null): void {
    setFile(chosen);
    setChecked(null);
    setWrongType(false);
    dryRun.reset();
    commit.reset();
  }

  function check(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (file === null) {
      setWrongType(true);
      return;
    }
    const contentType = importContentType(file.name);
    if (contentType === null) {
      setWrongType(true);
      return;
    }
    dryRun.mutate({ file, contentType });
  }

  return (
    <details className="import-plan">
      <summary>Importar plan</summary>
      <form className="form" onSubmit={check} noValidate>
        <PlanFileField
          inputId={inputId}
          label="Archivo del plan"
          hint="XLSX, CSV o JSON (rumbo.plan/v1). Primero se revisa sin guardar nada."
          wrongType={wrongType}
          onChoose={choose}
        />
        <button type="submit" className="button button-secondary" disabled={dryRun.isPending}>
          {dryRun.isPending ? "Revisando el archivo…" : "Revisar el archivo"}
        </button>
      </form>
      {dryRun.isError && (
        <FailedImport error={dryRun.error} title="El archivo no se puede importar" />
      )}
      {checked !== null && !commit.isSuccess && (
        <div className="form-success" role="status">
          <p>El archivo «{checked.file.name}» es válido y se puede importar.</p>
          <Warnings warnings={checked.warnings} />
          <button
            type="button"
            className="button"
            disabled={commit.isPending}
            onClick={() => commit.mutate(checked)}
          >
            {commit.isPending ? "Importando…" : "Importar"}
          </button>
        </div>
      )}
      {commit.isError && (
        <FailedImport error={commit.error} title="No fue posible importar el plan" />
      )}
      {commit.isSuccess && (
        <FormSuccess>
          <p>
            Plan importado (versión {formatNumber(commit.data.version)}).{" "}
            <Link to={planPath(commit.data.id)}>Ver el plan importado</Link>
          </p>
          <Warnings warnings={commit.data.warnings} />
        </FormSuccess>
      )}
    </details>
  );
}
