/**
 * The plan editor shared by "Nuevo plan" and "Editar plan": the plan's data
 * (code, name, entity, vigencias, misión, visión, semáforo), its
 * objectives and how they weigh in the plan. It edits a draft held by the page; saving is the page's job.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { addObjective, type DraftUpdate, setPlanFields } from "./draft-actions.ts";
import { DraftTextArea, DraftTextField, GroupMessages } from "./draft-fields.tsx";
import { UNIT_SUGGESTIONS, UNIT_SUGGESTIONS_ID } from "./indicator-editor.tsx";
import { describedBy, useFieldIssues } from "./issues.tsx";
import {
  ADD_OBJECTIVE_ID,
  headingId,
  ObjectiveEditor,
  type StructureEdit,
} from "./objective-editor.tsx";
import { ObjectiveWeightsEditor } from "./objective-weights-editor.tsx";
import { draftYears, newObjectiveDraft, type PlanDraft, type SemaforoDraft } from "./plan-draft.ts";
import { fieldId, objectivePath } from "./plan-paths.ts";
import "./formulation.css";

function YearsFields({
  draft,
  onChange,
}: {
  draft: PlanDraft;
  onChange: (update: DraftUpdate) => void;
}) {
  const issues = useFieldIssues("years");
  const a11y = describedBy("years", issues, "vigencias-ayuda");
  return (
    <fieldset className="fieldset" id={fieldId("years")} tabIndex={-1}>
      <legend>Vigencias</legend>
      <p id="vigencias-ayuda" className="hint">
        Años de la primera y la última vigencia del plan, por ejemplo 2024 y 2027.
      </p>
      <GroupMessages path="years" />
      <div className="field-row">
        <div className={a11y["aria-invalid"] ? "field field-invalid" : "field"}>
          <label htmlFor={fieldId("years.first")}>Primera vigencia</label>
          <input
            id={fieldId("years.first")}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            size={6}
            value={draft.firstYear}
            onChange={(event) => onChange(setPlanFields({ firstYear: event.target.value }))}
            {...a11y}
          />
        </div>
        <div className={a11y["aria-invalid"] ? "field field-invalid" : "field"}>
          <label htmlFor={fieldId("years.last")}>Última vigencia</label>
          <input
            id={fieldId("years.last")}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            size={6}
            value={draft.lastYear}
            onChange={(event) => onChange(setPlanFields({ lastYear: event.target.value }))}
            {...a11y}
          />
        </div>
      </div>
    </fieldset>
  );
}

const SEMAFORO_FIELDS: { key: keyof SemaforoDraft; label: string }[] = [
  { key: "rojo", label: "Rojo por debajo de (%)" },
  { key: "amarillo", label: "Amarillo por debajo de (%); verde desde ahí" },
  { key: "sobreejecucion", label: "Sobre-ejecución por encima de (%)" },
];

function SemaforoFields({
  draft,
  onChange,
}: {
  draft: PlanDraft;
  onChange: (update: DraftUpdate) => void;
}) {
  return (
    <fieldset className="fieldset" id={fieldId("semaforo")} tabIndex={-1}>
      <legend>Semáforo de cumplimiento</legend>
      <p className="hint">Umbrales en porcentaje de cumplimiento. Por omisión: 70, 90 y 125.</p>
      <GroupMessages path="semaforo" />
      <div className="field-row">
        {SEMAFORO_FIELDS.map(({ key, label }) => (
          <DraftTextField
            key={key}
            path={`semaforo.${key}`}
            label={label}
            value={draft.semaforo[key]}
            onValueChange={(value) =>
              onChange(setPlanFields({ semaforo: { ...draft.semaforo, [key]: value } }))
            }
            decimal
          />
        ))}
      </div>
    </fieldset>
  );
}

function PlanFields({
  draft,
  onChange,
}: {
  draft: PlanDraft;
  onChange: (update: DraftUpdate) => void;
}) {
  return (
    <section aria-labelledby="datos-del-plan">
      <h2 id="datos-del-plan">Datos del plan</h2>
      <div className="field-grid">
        <DraftTextField
          path="code"
          label="Código del plan"
          value={draft.code}
          onValueChange={(code) => onChange(setPlanFields({ code }))}
          hint="Único en Rumbo, por ejemplo PES-GP-2024-2027."
        />
        <DraftTextField
          path="name"
          label="Nombre del plan"
          value={draft.name}
          onValueChange={(name) => onChange(setPlanFields({ name }))}
          className="field-wide"
        />
        <DraftTextField
          path="entity"
          label="Entidad o sector"
          value={draft.entity}
          onValueChange={(entity) => onChange(setPlanFields({ entity }))}
          optional
          className="field-wide"
        />
      </div>
      <YearsFields draft={draft} onChange={onChange} />
      <div className="field-grid">
        <DraftTextArea
          path="mission"
          label="Misión"
          value={draft.mission}
          onValueChange={(mission) => onChange(setPlanFields({ mission }))}
          optional
        />
        <DraftTextArea
          path="vision"
          label="Visión"
          value={draft.vision}
          onValueChange={(vision) => onChange(setPlanFields({ vision }))}
          optional
        />
      </div>
      <SemaforoFields draft={draft} onChange={onChange} />
    </section>
  );
}

export function PlanEditor({
  draft,
  onChange,
  onStructureChange,
}: {
  draft: PlanDraft;
  onChange: (update: DraftUpdate) => void;
  /** Moves, additions and removals: the page drops issues whose paths no longer hold. */
  onStructureChange: (update: DraftUpdate) => void;
}) {
  const { firstYear, lastYear } = draft;
  // Stable while the vigencias do not change, so untouched objectives skip re-rendering.
  const years = useMemo(() => draftYears({ firstYear, lastYear }), [firstYear, lastYear]);
  const [announcement, setAnnouncement] = useState("");
  const [focusId, setFocusId] = useState<string | null>(null);

  // After a move or removal, keyboard users continue where they were (WCAG 2.4.3).
  useEffect(() => {
    if (focusId === null) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const structure = useCallback(
    (edit: StructureEdit): void => {
      onStructureChange(edit.update);
      setAnnouncement(edit.announcement);
      if (edit.focusId !== "") setFocusId(edit.focusId);
    },
    [onStructureChange],
  );

  return (
    <div className="plan-editor">
      <datalist id={UNIT_SUGGESTIONS_ID}>
        {UNIT_SUGGESTIONS.map((unit) => (
          <option key={unit} value={unit} />
        ))}
      </datalist>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <PlanFields draft={draft} onChange={onChange} />
      <section aria-labelledby="objetivos-del-plan" id={fieldId("objectives")} tabIndex={-1}>
        <h2 id="objetivos-del-plan">Objetivos sectoriales</h2>
        <GroupMessages path="objectives" />
        {draft.objectives.length === 0 && <p>El plan aún no tiene objetivos.</p>}
        {draft.objectives.map((objective, index) => {
          const following = draft.objectives[index + 1] ?? draft.objectives[index - 1];
          return (
            <ObjectiveEditor
              key={objective.key}
              objective={objective}
              index={index}
              count={draft.objectives.length}
              years={years}
              onChange={onChange}
              onStructureChange={structure}
              nextFocusAfterRemoval={
                following === undefined ? ADD_OBJECTIVE_ID : headingId(following.key)
              }
            />
          );
        })}
        <button
          type="button"
          id={ADD_OBJECTIVE_ID}
          className="button button-secondary"
          onClick={() => {
            const fresh = newObjectiveDraft(draft.objectives.length + 1);
            structure({
              update: addObjective(fresh),
              focusId: fieldId(`${objectivePath(draft.objectives.length)}.name`),
              announcement: `Se agregó el objetivo ${draft.objectives.length + 1}.`,
            });
          }}
        >
          Agregar objetivo
        </button>
      </section>
      <ObjectiveWeightsEditor
        objectiveWeighting={draft.objectiveWeighting}
        objectives={draft.objectives}
        years={years}
        onChange={onChange}
      />
    </div>
  );
}
