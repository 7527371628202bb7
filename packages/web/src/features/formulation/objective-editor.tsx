/**
 * One objective of the plan: its code and name, its indicators (each with its
 * ficha técnica and programación) and the weights table of its indicators.
 */
import { memo } from "react";
import {
  addIndicator,
  type DraftUpdate,
  moveIndicator,
  moveObjective,
  removeIndicator,
  removeObjective,
  setIndicatorFields,
  setObjectiveFields,
  setTarget,
  setWeight,
} from "./draft-actions.ts";
import { DraftTextArea, DraftTextField, GroupMessages } from "./draft-fields.tsx";
import { IndicatorFields } from "./indicator-editor.tsx";
import { weightsPath } from "./issues.tsx";
import type { ObjectiveDraft } from "./plan-draft.ts";
import { fieldId, indicatorPath, objectivePath } from "./plan-paths.ts";
import { indicatorLabel, WeightsEditor } from "./weights-editor.tsx";

/** A structural edit (move, add, remove) with where the focus goes next and what to announce. */
export type StructureEdit = { update: DraftUpdate; focusId: string; announcement: string };

export function moveButtonId(key: string, direction: "subir" | "bajar"): string {
  return `${key}-${direction}`;
}

export function headingId(key: string): string {
  return `${key}-titulo`;
}

export const ADD_OBJECTIVE_ID = "agregar-objetivo";

/** A new indicator starts at its code. */
function fieldIdOfNewIndicator(objectiveIndex: number, indicatorIndex: number): string {
  return fieldId(`${indicatorPath(objectiveIndex, indicatorIndex)}.code`);
}

function addIndicatorId(key: string): string {
  return `${key}-agregar-indicador`;
}

/** Where the focus goes after moving item `index` of `count` by `delta`: the same button, unless it is now disabled. */
function focusAfterMove(key: string, index: number, count: number, delta: -1 | 1): string {
  const next = index + delta;
  if (delta === -1) return moveButtonId(key, next === 0 ? "bajar" : "subir");
  return moveButtonId(key, next === count - 1 ? "subir" : "bajar");
}

function ReorderButtons({
  itemKey,
  name,
  index,
  count,
  onMove,
  onRemove,
}: {
  itemKey: string;
  /** "objetivo 2", "indicador 3 del objetivo 1" */
  name: string;
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <div className="row-actions">
      <button
        type="button"
        id={moveButtonId(itemKey, "subir")}
        className="button button-secondary button-small"
        disabled={index === 0}
        onClick={() => onMove(-1)}
      >
        Subir {name}
      </button>
      <button
        type="button"
        id={moveButtonId(itemKey, "bajar")}
        className="button button-secondary button-small"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        Bajar {name}
      </button>
      <button type="button" className="button button-secondary button-small" onClick={onRemove}>
        Quitar {name}
      </button>
    </div>
  );
}

/** Memoised: typing in one objective does not re-render the others (the seed plan has 450 fields). */
export const ObjectiveEditor = memo(function ObjectiveEditor({
  objective,
  index,
  count,
  years,
  onChange,
  onStructureChange,
  nextFocusAfterRemoval,
}: {
  objective: ObjectiveDraft;
  index: number;
  count: number;
  years: readonly number[] | null;
  onChange: (update: DraftUpdate) => void;
  onStructureChange: (edit: StructureEdit) => void;
  /** Where the focus goes when this objective is removed. */
  nextFocusAfterRemoval: string;
}) {
  const path = objectivePath(index);
  const position = index + 1;
  const label = objective.code.trim() === "" ? String(position) : objective.code.trim();
  return (
    <section className="objective-editor" aria-labelledby={headingId(objective.key)}>
      <h3 id={headingId(objective.key)} tabIndex={-1}>
        Objetivo {position}
      </h3>
      <div id={fieldId(path)} tabIndex={-1}>
        <GroupMessages path={path} />
      </div>
      <ReorderButtons
        itemKey={objective.key}
        name={`objetivo ${position}`}
        index={index}
        count={count}
        onMove={(delta) =>
          onStructureChange({
            update: moveObjective(index, delta),
            focusId: focusAfterMove(objective.key, index, count, delta),
            announcement: `Objetivo ${position} movido a la posición ${position + delta}.`,
          })
        }
        onRemove={() =>
          onStructureChange({
            update: removeObjective(index),
            focusId: nextFocusAfterRemoval,
            announcement: `Se quitó el objetivo ${position}.`,
          })
        }
      />
      <div className="field-grid">
        <DraftTextField
          path={`${path}.code`}
          label={`Código del objetivo ${position}`}
          value={objective.code}
          onValueChange={(code) => onChange(setObjectiveFields(index, { code }))}
        />
        <DraftTextArea
          path={`${path}.name`}
          label={`Nombre del objetivo ${position}`}
          value={objective.name}
          onValueChange={(name) => onChange(setObjectiveFields(index, { name }))}
        />
      </div>
      <h4 className="subheading">Indicadores del objetivo {position}</h4>
      {objective.indicators.length === 0 && <p>Este objetivo aún no tiene indicadores.</p>}
      {objective.indicators.map((indicator, ii) => {
        const iPath = indicatorPath(index, ii);
        const iLabel = indicatorLabel(indicator.code, index, ii);
        const name = `indicador ${ii + 1} del objetivo ${position}`;
        const following = objective.indicators[ii + 1] ?? objective.indicators[ii - 1];
        return (
          <div key={indicator.key} className="indicator-editor">
            <h5 id={headingId(indicator.key)} className="indicator-heading" tabIndex={-1}>
              Indicador {ii + 1} del objetivo {position}
              {indicator.code.trim() !== "" && (
                <span className="note">Código {indicator.code.trim()}</span>
              )}
            </h5>
            <div id={fieldId(iPath)} tabIndex={-1}>
              <GroupMessages path={iPath} />
            </div>
            <ReorderButtons
              itemKey={indicator.key}
              name={name}
              index={ii}
              count={objective.indicators.length}
              onMove={(delta) =>
                onStructureChange({
                  update: moveIndicator(index, ii, delta),
                  focusId: focusAfterMove(indicator.key, ii, objective.indicators.length, delta),
                  announcement: `Indicador ${ii + 1} del objetivo ${position} movido a la posición ${ii + 1 + delta}.`,
                })
              }
              onRemove={() =>
                onStructureChange({
                  update: removeIndicator(index, ii),
                  focusId:
                    following === undefined
                      ? addIndicatorId(objective.key)
                      : headingId(following.key),
                  announcement: `Se quitó el ${name}.`,
                })
              }
            />
            <IndicatorFields
              indicator={indicator}
              path={iPath}
              label={iLabel}
              years={years}
              onChange={(change) => onChange(setIndicatorFields(index, ii, change))}
              onTargetChange={(year, value) => onChange(setTarget(index, ii, year, value))}
            />
          </div>
        );
      })}
      <button
        type="button"
        id={addIndicatorId(objective.key)}
        className="button button-secondary"
        onClick={() => {
          onStructureChange({
            update: addIndicator(index),
            focusId: fieldIdOfNewIndicator(index, objective.indicators.length),
            announcement: `Se agregó el indicador ${objective.indicators.length + 1} al objetivo ${position}.`,
          });
        }}
      >
        Agregar indicador al objetivo {position}
      </button>
      {years !== null && objective.indicators.length > 0 && (
        <>
          <h4 className="subheading">Ponderación por vigencia</h4>
          <div id={fieldId(weightsPath(index))} tabIndex={-1}>
            <GroupMessages path={weightsPath(index)} />
          </div>
          <WeightsEditor
            objective={objective}
            objectiveIndex={index}
            objectiveLabel={label}
            years={years}
            onWeightChange={(ii, column, value) => onChange(setWeight(index, ii, column, value))}
          />
        </>
      )}
    </section>
  );
});
