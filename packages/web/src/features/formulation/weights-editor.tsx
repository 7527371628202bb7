/**
 * Weights of an objective's indicators, vigencia by vigencia (the "matriz de
 * formulación"): the inputs, the sum of each year as written (marked when it
 * is not 100 %) and each indicator's share once the weights are renormalised
 * over the indicators programmed that year. NP indicators take no share.
 */
import { formatPercentPoints, formatYears } from "../../shared/format.ts";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { CellInput, GroupMessages } from "./draft-fields.tsx";
import type { ObjectiveDraft, WeightDraft } from "./plan-draft.ts";
import { fieldId, indicatorPath } from "./plan-paths.ts";
import { type WeightCell, type WeightColumn, weightColumns } from "./weights.ts";

export function indicatorLabel(
  code: string,
  objectiveIndex: number,
  indicatorIndex: number,
): string {
  return code.trim() === "" ? `${objectiveIndex + 1}.${indicatorIndex + 1}` : code.trim();
}

function columnLabel(column: WeightColumn, years: readonly number[]): string {
  return column.key === "total" ? `el periodo ${formatYears(years)}` : column.key;
}

function Share({ id, cell }: { id: string; cell: WeightCell }) {
  if (!cell.programmed) {
    return (
      <span id={id} className="share">
        <abbr title="No programado">NP</abbr>
        <span className="visually-hidden">: no participa</span>
      </span>
    );
  }
  if (cell.sharePct === null) {
    return (
      <span id={id} className="share">
        <span className="visually-hidden">Participación: </span>—
      </span>
    );
  }
  return (
    <span id={id} className="share">
      <span className="visually-hidden">Participación: </span>
      {formatPercentPoints(cell.sharePct)}
    </span>
  );
}

/** `label` ("Suma 2024") makes the cell read whole on its own, out of the table's headers. */
export function SumCell({ column, label }: { column: WeightColumn; label?: string }) {
  return (
    <td className={column.sumIsHundred ? "number" : "number sum-off"}>
      {label !== undefined && <span className="visually-hidden">{label}: </span>}
      {formatPercentPoints(column.sumPct)}
      {!column.sumIsHundred && <span className="sum-mark"> (no suma 100 %)</span>}
    </td>
  );
}

/** The header row of a weights table: what each row is, then a column per vigencia and the period. */
export function WeightsHead({
  first,
  columns,
  years,
}: {
  first: string;
  columns: readonly WeightColumn[];
  years: readonly number[];
}) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {columns.map((column) => (
          <th key={column.key} scope="col" className="number">
            {column.key === "total" ? (
              <>
                Periodo {formatYears(years)}
                <span className="note">vacío: promedio</span>
              </>
            ) : (
              column.key
            )}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * The weight inputs of one row of a weights table (an indicator in its
 * objective, an objective in the plan): one per vigencia and the period, each
 * with its renormalised share below.
 */
export function WeightCells({
  columns,
  row,
  weightPath,
  weights,
  whose,
  years,
  onChange,
}: {
  columns: readonly WeightColumn[];
  /** The row's position in the columns' cells. */
  row: number;
  /** "objectives[0].indicators[1].weight", "objectives[2].weight". */
  weightPath: string;
  weights: WeightDraft;
  /** "del indicador 78", "del objetivo 3": completes each input's label. */
  whose: string;
  years: readonly number[];
  onChange: (column: string, text: string) => void;
}) {
  return columns.map((column) => {
    const cell = column.cells[row];
    const cellPath = `${weightPath}.${column.key}`;
    const shareId = `${fieldId(cellPath)}-participacion`;
    const value =
      column.key === "total" ? weights.weightTotal : (weights.weights[column.key] ?? "");
    return (
      <td key={column.key} className="number">
        <CellInput
          path={cellPath}
          label={`Ponderación ${whose} en ${columnLabel(column, years)} (%)`}
          value={value}
          onValueChange={(text) => onChange(column.key, text)}
          describedById={shareId}
        >
          {cell !== undefined && <Share id={shareId} cell={cell} />}
        </CellInput>
      </td>
    );
  });
}

export function WeightsEditor({
  objective,
  objectiveIndex,
  objectiveLabel,
  years,
  onWeightChange,
}: {
  objective: ObjectiveDraft;
  objectiveIndex: number;
  objectiveLabel: string;
  years: readonly number[];
  onWeightChange: (indicatorIndex: number, column: string, value: string) => void;
}) {
  if (objective.indicators.length === 0 || years.length === 0) return null;
  const columns = weightColumns(objective.indicators, years);
  const captionId = `ponderacion-${objective.key}`;
  return (
    <ScrollRegion labelledBy={captionId}>
      <table className="indicators weights-table">
        <caption id={captionId}>
          Ponderación de los indicadores del objetivo {objectiveLabel}
        </caption>
        <WeightsHead first="Indicador" columns={columns} years={years} />
        <tbody>
          {objective.indicators.map((indicator, ii) => {
            const path = indicatorPath(objectiveIndex, ii);
            const label = indicatorLabel(indicator.code, objectiveIndex, ii);
            return (
              <tr key={indicator.key}>
                <th scope="row" id={fieldId(`${path}.weight`)} tabIndex={-1}>
                  {label}
                  <GroupMessages path={`${path}.weight`} />
                </th>
                <WeightCells
                  columns={columns}
                  row={ii}
                  weightPath={`${path}.weight`}
                  weights={indicator}
                  whose={`del indicador ${label}`}
                  years={years}
                  onChange={(column, text) => onWeightChange(ii, column, text)}
                />
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Suma</th>
            {columns.map((column) => (
              <SumCell key={column.key} column={column} />
            ))}
          </tr>
        </tfoot>
      </table>
      <p className="note table-note">
        Bajo cada ponderación, su participación: el 100 % se reparte entre los indicadores
        programados en la vigencia; los no programados (NP) no participan.
      </p>
    </ScrollRegion>
  );
}
