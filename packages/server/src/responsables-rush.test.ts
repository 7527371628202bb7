/**
 * The rush before a corte closes, bounded for CI (docs/reliability.md §4): RUSH_RESPONSABLES
 * (default 36: two per indicator of the seed plan) responsables open, save and
 * send their report at the same moment against the server in its own process,
 * on each engine. Every request is answered, none with a 5xx, every report
 * answered as saved and sent is stored as such. No timing is asserted: the
 * 200-responsable run with its times is `npm run bench:load`.
 */
import { afterAll, describe, expect, it } from "vitest";
import { type LiveDatabase, livePglite, livePostgres } from "./testing/live-server.ts";
import { runResponsablesRush } from "./testing/responsables-rush.ts";

const RESPONSABLES = Number(process.env.RUSH_RESPONSABLES ?? 36);

describe.each([
  { engine: "pglite", make: async () => livePglite() },
  { engine: "postgres", make: () => livePostgres("rumbo_i14_rush") },
])("$engine: responsables que reportan a la vez antes del cierre", ({ engine, make }) => {
  const databases: LiveDatabase[] = [];
  afterAll(async () => {
    for (const d of databases) await d.drop();
  });

  it(`${RESPONSABLES} responsables guardan y envían su reporte: todo respondido, nada perdido`, async () => {
    const database = await make();
    databases.push(database);
    const started = performance.now();
    const result = await runResponsablesRush(database, RESPONSABLES);
    process.stdout.write(
      `[carrera ${engine}] ${RESPONSABLES} responsables: ${result.requests} solicitudes en ${Math.round(result.durationMs)} ms ` +
        `(prueba entera ${Math.round(performance.now() - started)} ms), RSS máx. ${Math.round(result.peakRssBytes / 2 ** 20)} MB, ` +
        `CPU ${result.cpuCores.toFixed(2)} núcleos, perdidos ${result.lost}\n`,
    );
    // Three requests each (open, save, send), every one answered 200.
    expect(result.statuses).toEqual({ 200: 3 * RESPONSABLES });
    expect(result.lost).toBe(0);
    expect(result.versions).toBe(2 * RESPONSABLES);
  }, 300_000);
});
