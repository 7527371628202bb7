/**
 * One chart of the tablero: core's definition (informe-charts.ts) drawn by
 * ECharts, loaded on first use, with its summary in words and the same
 * numbers as a table behind "Ver datos" (always printed). The drawing is an
 * image named by the summary.
 */
import type { ChartDefinition, ChartTableCell } from "@rumbo/core";
import { useEffect, useId, useRef, useState } from "react";
import { formatValue } from "../../shared/format.ts";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { loadChartRenderer } from "./chart-loader.ts";
import { formatCompliance, StatusBadge } from "./semaforo.tsx";

type DrawState = "cargando" | "dibujada" | "sin-grafica";

function TableCell({ cell }: { cell: ChartTableCell }) {
  switch (cell.kind) {
    case "text":
      return <>{cell.text}</>;
    case "ratio":
      return <>{formatCompliance(cell.value)}</>;
    case "measure":
      return <>{cell.value === null ? "—" : formatValue(cell.value, cell.unit ?? undefined)}</>;
    case "status":
      return <StatusBadge status={cell.status} />;
  }
}

export function ChartTable({ chart, captionId }: { chart: ChartDefinition; captionId: string }) {
  const { table } = chart;
  return (
    <ScrollRegion labelledBy={captionId}>
      <table className="tablero-table chart-table">
        <caption id={captionId}>Datos: {table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.header}>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed per chart.
                <td key={index}>
                  <TableCell cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function ChartFigure({ chart, height }: { chart: ChartDefinition; height: number }) {
  const canvas = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<DrawState>("cargando");
  const [open, setOpen] = useState(false);
  const captionId = useId();
  const dataId = useId();
  useEffect(() => {
    const element = canvas.current;
    if (element === null) return;
    let dispose: (() => void) | null = null;
    let cancelled = false;
    setState("cargando");
    loadChartRenderer()
      .then((renderer) => {
        if (cancelled) return;
        dispose = renderer.drawChart(element, chart.option, height);
        setState("dibujada");
      })
      .catch(() => {
        if (!cancelled) setState("sin-grafica");
      });
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [chart, height]);
  return (
    <figure className="chart-figure" data-chart={state}>
      <p className="chart-title">{chart.title}</p>
      <div
        ref={canvas}
        className="chart-canvas"
        role="img"
        aria-label={chart.summary}
        style={{ height }}
      />
      {state === "sin-grafica" && (
        <p className="note">No fue posible dibujar la gráfica; sus datos están en la tabla.</p>
      )}
      <figcaption>
        <p className="chart-summary">{chart.summary}</p>
        <button
          type="button"
          className="chart-data-toggle"
          aria-expanded={open}
          aria-controls={dataId}
          onClick={() => setOpen(!open)}
        >
          {open ? "Ocultar datos" : "Ver datos"}
        </button>
      </figcaption>
      {/* Closed, the table is hidden on screen (the summary says the same numbers) but prints. */}
      <div id={dataId} className="chart-data" hidden={!open}>
        <ChartTable chart={chart} captionId={captionId} />
      </div>
    </figure>
  );
}
