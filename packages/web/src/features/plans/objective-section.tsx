import type { Objective, WeightPct } from "@rumbo/core";
import { formatPercentPoints } from "../../shared/format.ts";
import { IndicatorsTable, type IndicatorsTableProps } from "./indicators-table.tsx";

export function objectiveAnchor(objective: Objective): string {
  return `objetivo-${objective.code}`;
}

export function objectiveTitle(objective: Objective): string {
  return `Objetivo ${objective.code}`;
}

function describeWeight(weight: WeightPct): string {
  if (typeof weight === "number") return formatPercentPoints(weight);
  const total = weight.total;
  return total === undefined ? "varía por vigencia" : `${formatPercentPoints(total)} en el periodo`;
}

export function ObjectiveSection(props: IndicatorsTableProps) {
  const { objective } = props;
  return (
    <section className="objective" id={objectiveAnchor(objective)}>
      <h3>{objectiveTitle(objective)}</h3>
      <p className="objective-name">{objective.name}</p>
      {objective.weight !== undefined && (
        <p className="note">Ponderación del objetivo: {describeWeight(objective.weight)}</p>
      )}
      {objective.indicators.length === 0 ? (
        <p>Este objetivo aún no tiene indicadores.</p>
      ) : (
        <IndicatorsTable {...props} />
      )}
    </section>
  );
}
