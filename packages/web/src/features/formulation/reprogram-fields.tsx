/**
 * The reprogramación of a plan in force (targets and weights
 * change by formal decision, with a justification; earlier versions stay
 * visible): why, which act approved it, and from when it applies.
 */
import { ChangeList } from "./change-list.tsx";
import { DraftTextArea, DraftTextField, GroupMessages } from "./draft-fields.tsx";
import type { PlanChange, Reprogramacion, ValidationIssue } from "./formulation-api.ts";
import { fieldId } from "./plan-paths.ts";

export type ReprogramDraft = { justification: string; actReference: string; effectiveFrom: string };

export const EMPTY_REPROGRAM: ReprogramDraft = {
  justification: "",
  actReference: "",
  effectiveFrom: "",
};

export const MIN_JUSTIFICATION_LENGTH = 10;

const PATH = "reprogramacion";

/** The server names these fields of the body by their own names; the form keeps them under one path. */
export function reprogramIssuePath(path: string): string {
  return ["justification", "actReference", "effectiveFrom"].includes(path)
    ? `${PATH}.${path}`
    : path;
}

export function reprogramIssues(draft: ReprogramDraft): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (draft.justification.trim().length < MIN_JUSTIFICATION_LENGTH) {
    issues.push({
      code: "local.required",
      severity: "error",
      path: `${PATH}.justification`,
      message: `Escriba la justificación de la reprogramación (al menos ${MIN_JUSTIFICATION_LENGTH} caracteres).`,
    });
  }
  if (draft.actReference.trim() === "") {
    issues.push({
      code: "local.required",
      severity: "error",
      path: `${PATH}.actReference`,
      message: "Escriba el acta o documento que aprueba la reprogramación.",
    });
  }
  if (
    draft.effectiveFrom.trim() !== "" &&
    !/^\d{4}-\d{2}-\d{2}$/.test(draft.effectiveFrom.trim())
  ) {
    issues.push({
      code: "local.date",
      severity: "error",
      path: `${PATH}.effectiveFrom`,
      message: "Escriba la fecha como AAAA-MM-DD, por ejemplo 2025-07-01.",
    });
  }
  return issues;
}

export function reprogramacionOf(draft: ReprogramDraft): Reprogramacion {
  const effectiveFrom = draft.effectiveFrom.trim();
  return {
    justification: draft.justification.trim(),
    actReference: draft.actReference.trim(),
    ...(effectiveFrom === "" ? {} : { effectiveFrom }),
  };
}

export function ReprogramFields({
  value,
  onChange,
  changes,
  canReprogram,
}: {
  value: ReprogramDraft;
  onChange: (value: ReprogramDraft) => void;
  /** The changes of programación that make this a reprogramación. */
  changes: readonly PlanChange[];
  /** The server's permission; without it the save will be refused. */
  canReprogram: boolean;
}) {
  return (
    <section
      className="reprogram"
      id={fieldId(PATH)}
      tabIndex={-1}
      aria-labelledby="reprogramar-titulo"
    >
      <h2 id="reprogramar-titulo">Reprogramar</h2>
      <p>
        El plan está en vigencia: los cambios de metas, totales o ponderaciones se guardan como una
        reprogramación, con su justificación y el acta que la aprueba. La versión anterior queda en
        el historial.
      </p>
      {!canReprogram && (
        <p className="field-error">
          Su cuenta no puede reprogramar este plan: el servidor rechazará estos cambios.
        </p>
      )}
      {changes.length > 0 && (
        <>
          <h3>Cambios de programación</h3>
          <ChangeList changes={changes} />
        </>
      )}
      <GroupMessages path={PATH} />
      <div className="field-grid">
        <DraftTextArea
          path={`${PATH}.justification`}
          label="Justificación"
          hint={`Por qué cambia la programación (al menos ${MIN_JUSTIFICATION_LENGTH} caracteres).`}
          value={value.justification}
          onValueChange={(justification) => onChange({ ...value, justification })}
        />
        <DraftTextField
          path={`${PATH}.actReference`}
          label="Acta o documento que la aprueba"
          hint="Por ejemplo: Acta Comité Sectorial 03/2025."
          value={value.actReference}
          onValueChange={(actReference) => onChange({ ...value, actReference })}
        />
        <DraftTextField
          path={`${PATH}.effectiveFrom`}
          label="Rige desde"
          hint="Fecha desde la que aplica (AAAA-MM-DD). Vacío: desde hoy."
          type="date"
          value={value.effectiveFrom}
          onValueChange={(effectiveFrom) => onChange({ ...value, effectiveFrom })}
          optional
        />
      </div>
    </section>
  );
}
