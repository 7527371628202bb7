/**
 * "Ponderación de los objetivos en el plan" (formats.md §1, §3.7): either all
 * objectives weigh the same (no objective carries a weight) or each has its
 * own weight per vigencia. The table shows, like the indicators' weights, the
 * sum of each year as written (marked when it is not 100 %) and each
 * objective's share once the weights are renormalised over the objectives
 * measured that year.
 */
import { memo } from "react";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { type DraftUpdate, setObjectiveWeight, setObjectiveWeighting } from "./draft-actions.ts";
import { GroupMessages } from "./draft-fields.tsx";
import type { ObjectiveDraft, ObjectiveWeighting } from "./plan-draft.ts";
import { fieldId, OBJECTIVE_WEIGHTS_PATH, objectiveWeightPath } from "./plan-paths.ts";
import { objectiveWeightColumns } from "./weights.ts";
import { SumCell, WeightCells, WeightsHead } from "./weights-editor.tsx";

const TITLE_ID = "ponderacion-objetivos-titulo";
const CAPTION_ID = "ponderacion-objetivos-tabla";
const HINT_ID = "ponderacion-objetivos-ayuda";

const CHOICES: { value: ObjectiveWeighting; label: string }[] = [
  { value: "equal", label: "Todos los objetivos pesan igual" },
  { value: "weighted", label: "Ponderación por objetivo" },
];

/** Objective names run to 300 characters: the row says enough to recognise it. */
const SHORT_NAME_LENGTH = 60;

export function shortName(name: string): string {
  const text = name.trim().replace(/\s+/g, " ");
  if (text.length <= SHORT_NAME_LENGTH) return text;
  const cut = text.slice(0, SHORT_NAME_LENGTH);
  const space = cut.lastIndexOf(" ");
  const words = space > SHORT_NAME_LENGTH / 2 ? cut.slice(0, space) : cut;
  return `${words.replace(/[\s,.;:]+$/, "")}…`;
}

export function objectiveLabel(code: string, objectiveIndex: number): string {
  return code.trim() === "" ? String(objectiveIndex + 1) : code.trim();
}

function WeightsTable({
  objectives,
  years,
  onChange,
}: {
  objectives: readonly ObjectiveDraft[];
  years: readonly number[];
  onChange: (update: DraftUpdate) => void;
}) {
  const columns = objectiveWeightColumns(objectives, years);
  return (
    <ScrollRegion labelledBy={CAPTION_ID}>
      <table className="indicators weights-table objective-weights-table">
        <caption id={CAPTION_ID}>Ponderación de cada objetivo por vigencia (%)</caption>
        <WeightsHead first="Objetivo" columns={columns} years={years} />
        <tbody>
          {objectives.map((objective, oi) => {
            const path = objectiveWeightPath(oi);
            const label = objectiveLabel(objective.code, oi);
            return (
              <tr key={objective.key}>
                <th scope="row" id={fieldId(path)} tabIndex={-1}>
                  <span className="objective-weight-code">Objetivo {label}</span>{" "}
                  {objective.name.trim() !== "" && (
                    <span className="objective-weight-name">{shortName(objective.name)}</span>
                  )}
                  <GroupMessages path={path} />
                </th>
                <WeightCells
                  columns={columns}
                  row={oi}
                  weightPath={path}
                  weights={objective}
                  whose={`del objetivo ${label}`}
                  years={years}
                  onChange={(column, text) => onChange(setObjectiveWeight(oi, column, text))}
                />
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Suma</th>
            {columns.map((column) => (
              <SumCell
                key={column.key}
                column={column}
                label={column.key === "total" ? "Suma del periodo" : `Suma ${column.key}`}
              />
            ))}
          </tr>
        </tfoot>
      </table>
      <p className="note table-note">
        Bajo cada ponderación, su participación: el 100 % de cada vigencia se reparte entre los
        objetivos con indicadores programados en ella; los demás (NP) no participan. Se pondera a
        todos los objetivos o a ninguno: un objetivo sin ponderación no deja guardar el plan.
      </p>
    </ScrollRegion>
  );
}

/** Memoised: typing in the plan's texts does not recompute the table. */
export const ObjectiveWeightsEditor = memo(function ObjectiveWeightsEditor({
  objectiveWeighting,
  objectives,
  years,
  onChange,
}: {
  objectiveWeighting: ObjectiveWeighting;
  objectives: readonly ObjectiveDraft[];
  years: readonly number[] | null;
  onChange: (update: DraftUpdate) => void;
}) {
  const weighted = objectiveWeighting === "weighted";
  return (
    <section
      className="objective-weights"
      aria-labelledby={TITLE_ID}
      id={fieldId(OBJECTIVE_WEIGHTS_PATH)}
      tabIndex={-1}
    >
      <h2 id={TITLE_ID}>Ponderación de los objetivos en el plan</h2>
      <fieldset className="fieldset" aria-describedby={HINT_ID}>
        <legend>¿Cuánto pesa cada objetivo en el cumplimiento del plan?</legend>
        <p id={HINT_ID} className="hint">
          Si todos pesan igual, el cumplimiento del plan es el promedio de sus objetivos. Con
          ponderación, cada objetivo pesa lo que se escriba para cada vigencia.
        </p>
        {CHOICES.map((choice) => {
          const id = `${fieldId(OBJECTIVE_WEIGHTS_PATH)}-${choice.value}`;
          return (
            <div key={choice.value} className="radio">
              <input
                type="radio"
                id={id}
                name="ponderacion-objetivos"
                checked={objectiveWeighting === choice.value}
                onChange={() => onChange(setObjectiveWeighting(choice.value))}
              />
              <label htmlFor={id}>{choice.label}</label>
            </div>
          );
        })}
      </fieldset>
      <GroupMessages path={OBJECTIVE_WEIGHTS_PATH} />
      {weighted && years === null && (
        <p>Escriba la primera y la última vigencia para ponderar los objetivos.</p>
      )}
      {weighted && years !== null && objectives.length === 0 && (
        <p>Agregue objetivos al plan para ponderarlos.</p>
      )}
      {weighted && years !== null && objectives.length > 0 && (
        <WeightsTable objectives={objectives} years={years} onChange={onChange} />
      )}
    </section>
  );
});
