/**
 * The change of a cell since the previous corte, as the engine's numbers say
 * it (getDashboard's `change`): an arrow of its own shape plus the words —
 * «▲ Sube 4,2 puntos desde el corte del 31/12/2024» —, never colour alone.
 */
import { formatDate, formatNumber } from "../../shared/format.ts";
import { formatCompliance } from "./semaforo.tsx";
import type { Dashboard } from "./tablero-api.ts";

export type CorteChange = Dashboard["change"];
type PreviousCorte = NonNullable<Dashboard["previousCorte"]>;

const ICON: Record<CorteChange["direction"], string> = {
  sube: "▲",
  baja: "▼",
  igual: "=",
  sin_comparacion: "–",
};

/** The change in words, without the icon: what a screen reader and a printout say. */
export function changeText(change: CorteChange, corte: PreviousCorte): string {
  return changeWords(change, `el corte del ${formatDate(corte.periodEnd)}`);
}

/** «Sube 4,2 puntos desde {since} (entonces 80%)», «Igual…», «Sin comparación con {since}…». */
export function changeWords(change: CorteChange, sinceWhat: string): string {
  const since = `desde ${sinceWhat}`;
  const points = (value: number) => {
    const shown = formatNumber(Math.abs(value));
    return `${shown} ${shown === "1" ? "punto" : "puntos"}`;
  };
  const before = change.previous === null ? "" : ` (entonces ${formatCompliance(change.previous)})`;
  switch (change.direction) {
    case "sube":
      return `Sube ${points(change.deltaPoints ?? 0)} ${since}${before}`;
    case "baja":
      return `Baja ${points(change.deltaPoints ?? 0)} ${since}${before}`;
    case "igual":
      return `Igual ${since}${before}`;
    case "sin_comparacion":
      return `Sin comparación con ${sinceWhat}${
        change.previousStatus === null ? "" : `: entonces ${STATUS_WORDS[change.previousStatus]}`
      }`;
  }
}

const STATUS_WORDS: Record<NonNullable<CorteChange["previousStatus"]>, string> = {
  verde: "verde",
  amarillo: "amarillo",
  rojo: "rojo",
  np: "no programado (NP)",
  sin_reporte: "sin reporte",
  pendiente: "pendiente",
};

export function ChangeNote({
  change,
  corte,
}: {
  change: CorteChange;
  corte: Dashboard["previousCorte"];
}) {
  if (corte === null) return null;
  return <ChangeWords change={change} text={changeText(change, corte)} />;
}

/** The arrow (hidden from screen readers: the words say it) and the words. */
export function ChangeWords({ change, text }: { change: CorteChange; text: string }) {
  return (
    <span className={`corte-change corte-change-${change.direction}`}>
      <span className="corte-change-icon" aria-hidden="true">
        {ICON[change.direction]}
      </span>{" "}
      {text}
    </span>
  );
}
