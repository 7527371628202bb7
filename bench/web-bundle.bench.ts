/**
 * The web's JavaScript (issue 12 §8): what a visitor downloads before the
 * first page shows (the entry chunk and its static imports, gzipped), target
 * ≤ 250 KB, and the chart renderer (ECharts), which must load only on demand.
 * Sizes, not times: read from the Vite build's manifest (scripts/build.mjs web).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { BenchFigure } from "./bench-figure.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DIST = join(ROOT, "packages/web/dist");
const INITIAL_TARGET_KB = 250;

type ManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
};

function gzipKb(file: string): number {
  return gzipSync(readFileSync(join(DIST, file))).length / 1000;
}

export type WebBundle = { initialKb: number; chartKb: number; chartInitial: boolean };

/** The gzipped sizes of the built web: initial JavaScript and the lazy chart chunk. */
export function measureWebBundle(): WebBundle {
  const manifest: Record<string, ManifestChunk> = JSON.parse(
    readFileSync(join(DIST, ".vite/manifest.json"), "utf8"),
  );
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (entry === undefined) throw new Error("el manifiesto de Vite no tiene entrada");
  // The entry and everything it imports statically, transitively.
  const initial = new Set<string>();
  const visit = (key: string) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  visit(entry);
  const initialJs = [...initial]
    .map((key) => manifest[key]?.file ?? "")
    .filter((file) => file.endsWith(".js"));
  const chartKey = Object.keys(manifest).find((key) => key.endsWith("chart-renderer.ts"));
  if (chartKey === undefined) throw new Error("no se encontró el módulo de gráficas");
  const chartFiles = new Set<string>();
  const collect = (key: string) => {
    const chunk = manifest[key];
    if (chunk === undefined || chartFiles.has(chunk.file) || initial.has(key)) return;
    chartFiles.add(chunk.file);
    for (const next of chunk.imports ?? []) collect(next);
  };
  collect(chartKey);
  return {
    initialKb: initialJs.reduce((sum, file) => sum + gzipKb(file), 0),
    chartKb: [...chartFiles].reduce((sum, file) => sum + gzipKb(file), 0),
    chartInitial: initial.has(chartKey),
  };
}

export async function runWebBundleBench(): Promise<BenchFigure[]> {
  const build = spawnSync(process.execPath, ["scripts/build.mjs", "web"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("no se pudo construir la web");
  const { initialKb, chartKb, chartInitial } = measureWebBundle();
  const kb = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 1 });
  return [
    {
      name: "Web: JavaScript inicial (gzip)",
      value: Math.round(initialKb * 10) / 10,
      unit: "KB",
      detail: `objetivo ≤ ${INITIAL_TARGET_KB} KB: ${initialKb <= INITIAL_TARGET_KB ? "cumple" : "NO CUMPLE"}`,
    },
    {
      name: "Web: gráficas ECharts, carga diferida (gzip)",
      value: Math.round(chartKb * 10) / 10,
      unit: "KB",
      detail: chartInitial
        ? "NO CUMPLE: ECharts quedó en el JavaScript inicial"
        : `fuera del inicial (${kb.format(chartKb)} KB al mostrar la primera gráfica)`,
    },
  ];
}
