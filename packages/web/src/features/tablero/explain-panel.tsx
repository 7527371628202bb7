/**
 * "¿Cómo se calculó?": the engine's explanation of one number (explainCompliance),
 * the same one `rumbo explain` prints, asked for when the panel opens.
 */
import { useId, useState } from "react";
import { errorMessage } from "../../shared/api/api-client.ts";
import { formatNumber } from "../../shared/format.ts";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { formatCompliance, StatusBadge } from "./semaforo.tsx";
import { type ExplainQuery, type Explanation, useExplanation } from "./tablero-api.ts";

function ExplanationBody({ explanation }: { explanation: Explanation }) {
  const tableId = useId();
  return (
    <div className="explanation">
      <p>
        <strong>Fórmula:</strong> {explanation.formula}
      </p>
      {explanation.values.length > 0 && (
        <dl className="facts">
          {explanation.values.map((value) => (
            <div key={value.key}>
              <dt>{value.label}</dt>
              <dd>
                {value.value === null
                  ? "—"
                  : value.key === "progress"
                    ? formatCompliance(value.value)
                    : formatNumber(value.value)}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {explanation.contributions.length > 0 && (
        <ScrollRegion labelledBy={tableId}>
          <table>
            <caption id={tableId}>
              Contribuciones (participación = peso /{" "}
              {formatNumber(explanation.evaluatedWeight ?? 0)})
            </caption>
            <thead>
              <tr>
                <th scope="col">Código</th>
                <th scope="col">Nombre</th>
                <th scope="col">Peso</th>
                <th scope="col">Participación</th>
                <th scope="col">Cumplimiento</th>
                <th scope="col">Aporte</th>
              </tr>
            </thead>
            <tbody>
              {explanation.contributions.map((item) => (
                <tr key={item.code}>
                  <th scope="row">{item.code}</th>
                  <td>{item.name}</td>
                  <td>{formatNumber(item.weight)}</td>
                  <td>{formatCompliance(item.share)}</td>
                  <td>{formatCompliance(item.compliance)}</td>
                  <td>{formatCompliance(item.contribution)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {explanation.excluded.length > 0 && (
        <>
          <h4>Lo que quedó por fuera</h4>
          <ul>
            {explanation.excluded.map((item) => (
              <li key={item.code}>
                {item.code} {item.name}: <StatusBadge status={item.status} /> — {item.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <details>
        <summary>Explicación completa (la misma de rumbo explain)</summary>
        <pre className="explain-text">{explanation.lines.join("\n")}</pre>
      </details>
    </div>
  );
}

export function ExplainPanel({
  planId,
  query,
  label,
}: {
  planId: number;
  query: ExplainQuery;
  /** What is explained, for the disclosure's name: "el plan", "el objetivo 3"… */
  label: string;
}) {
  const [open, setOpen] = useState(false);
  const explanation = useExplanation(planId, query, open);
  return (
    <details className="explain-panel" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        ¿Cómo se calculó? <span className="visually-hidden">{label}</span>
      </summary>
      {!open ? null : explanation.isPending ? (
        <p role="status">Cargando la explicación…</p>
      ) : explanation.isError ? (
        <p role="alert">No fue posible cargar la explicación: {errorMessage(explanation.error)}</p>
      ) : (
        <ExplanationBody explanation={explanation.data} />
      )}
    </details>
  );
}
