/**
 * The areas that report an indicator, as the server answers them with a
 * report (`areas`): each area's share for the period with its status, which
 * areas are still pending, and the indicator's total so far — partial while
 * an area is pending. The web only shows what core combined.
 */
import { formatValue } from "../../shared/format.ts";
import type { Report } from "./seguimiento-api.ts";
import { StatusTag } from "./seguimiento-frame.tsx";

type IndicatorAreas = NonNullable<Report["areas"]>;

const RULE_WORDS: Record<IndicatorAreas["rule"], string> = {
  suma: "suma de las partes",
  promedio: "promedio de las partes",
  ponderado: "promedio ponderado de las partes",
};

export function AreaSharesPanel({
  areas,
  unit,
}: {
  areas: IndicatorAreas;
  unit: string | undefined;
}) {
  return (
    <section className="callout area-shares" aria-labelledby="partes-areas">
      <h2 id="partes-areas">Partes de las áreas</h2>
      <ul>
        {areas.shares.map((share) => (
          <li key={share.area}>
            {share.area}: <StatusTag status={share.status} />
            {share.value !== null && <> · {formatValue(share.value, unit)}</>}
          </li>
        ))}
      </ul>
      <p>
        Total del indicador ({RULE_WORDS[areas.rule]}):{" "}
        <strong>
          {areas.value === null ? "sin partes enviadas" : formatValue(areas.value, unit)}
        </strong>
        {areas.partial && <> — parcial: falta {areas.pending.join(", ")}</>}
      </p>
    </section>
  );
}
