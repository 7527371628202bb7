/**
 * `npm run bench:load` (docs/reliability.md §3–4): the compiled server in its own process,
 * on each engine, under autocannon while responsables keep saving reports:
 *
 * 1. GET /api/health (the no-op route), getCompliance, getDashboard and
 *    saveReport (each request the first save of a report of its own), one
 *    after another for LOAD_SECONDS each with LOAD_CONNECTIONS connections;
 *    requests/s, p50/p99 latency, errors and non-2xx answers, and each
 *    route's throughput and p99 as a ratio to the no-op route of the same
 *    server in the same run (the machine's load changes both alike);
 * 2. the rush before a corte closes: LOAD_RESPONSABLES responsables (200)
 *    open, save and send their report at the same moment; what was answered,
 *    what was lost (counted in the database afterwards) and how long it took;
 * 3. the server's resident memory (peak) and CPU (cores) during each part.
 *
 *   npm run bench:load
 *   LOAD_ENGINES=postgres LOAD_SECONDS=20 npm run bench:load
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { savePlan } from "../packages/server/src/plans/plans-repository.ts";
import { createAccount, sessionFor } from "../packages/server/src/testing/accounts.ts";
import {
  call,
  type LiveDatabase,
  type LiveServer,
  livePglite,
  livePostgres,
  openEveryCorte,
  startLiveServer,
  stopLiveServer,
} from "../packages/server/src/testing/live-server.ts";
import {
  runResponsablesRush,
  sampleUsage,
} from "../packages/server/src/testing/responsables-rush.ts";
import { seedPlan } from "../packages/server/src/testing/seed-plan.ts";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 10);
const RESPONSABLES = Number(process.env.LOAD_RESPONSABLES ?? 200);
const BACKGROUND_WRITERS = 4;
const ENGINES = (process.env.LOAD_ENGINES ?? "pglite,postgres").split(",");

const number = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 1 });
const ratio = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 2 });
const mb = (bytes: number) => `${number.format(bytes / 2 ** 20)} MB`;

type RouteFigure = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  peakRssBytes: number;
  cpuCores: number;
};

async function measure(
  server: LiveServer,
  name: string,
  options: Partial<autocannon.Options> & { path?: string },
): Promise<RouteFigure> {
  const { path = "/", ...rest } = options;
  const stop = sampleUsage(server);
  const result = await autocannon({
    url: `${server.url}${path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    // A person waits for «Guardar» longer than autocannon's 10 s: count slow answers as latency.
    timeout: 30,
    ...rest,
  });
  const usage = stop();
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ...usage,
  };
}

async function routesUnderLoad(database: LiveDatabase): Promise<RouteFigure[]> {
  const plan = seedPlan();
  const handle = await database.open();
  let planId: number;
  let planner: Awaited<ReturnType<typeof sessionFor>>;
  let responsable: Awaited<ReturnType<typeof sessionFor>>;
  try {
    planId = await savePlan(handle.db, plan);
    await openEveryCorte(handle, planId, plan.years);
    planner = await sessionFor(
      handle.db,
      await createAccount(handle.db, "lina@entidad.gov.co", [
        { role: "planeacion", scope: { kind: "plan", planId } },
      ]),
    );
    responsable = await sessionFor(
      handle.db,
      await createAccount(handle.db, "ana@entidad.gov.co", [
        { role: "responsable", scope: { kind: "plan", planId } },
      ]),
    );
  } finally {
    await handle.close();
  }
  const codes = plan.objectives.flatMap((o) => o.indicators.map((i) => i.code));
  const server = await startLiveServer(database);
  try {
    // Reports written all along: each writer saves its own 2024 report again and again.
    let writing = true;
    const background = { saves: 0, failures: 0 };
    const writers = codes.slice(0, BACKGROUND_WRITERS).map(async (code) => {
      const path = `/api/plans/${planId}/indicators/${code}/reports/2024`;
      let etag: string | undefined;
      for (let i = 0; writing; i++) {
        const res = await call(server.url, "PUT", path, responsable, {
          json: { value: (i % 40) + 1 },
          ifMatch: etag,
        }).catch(() => null);
        if (res?.status === 200) {
          background.saves++;
          etag = res.etag ?? undefined;
        } else background.failures++;
      }
    });

    // Every save of the save route is the first of its report: a month of 2025–2027 each.
    const fresh: string[] = [];
    for (const year of [2025, 2026, 2027])
      for (let m = 1; m <= 12; m++)
        for (const code of codes)
          fresh.push(
            `/api/plans/${planId}/indicators/${code}/reports/${year}-${String(m).padStart(2, "0")}`,
          );
    let next = 0;
    const figures: RouteFigure[] = [];
    figures.push(await measure(server, "GET /api/health (sin trabajo)", { path: "/api/health" }));
    figures.push(
      await measure(server, "getCompliance", {
        path: `/api/plans/${planId}/compliance`,
        headers: planner.headers,
      }),
    );
    figures.push(
      await measure(server, "getDashboard (vigencia 2025)", {
        path: `/api/plans/${planId}/dashboard?year=2025`,
        headers: planner.headers,
      }),
    );
    figures.push(
      await measure(server, "saveReport (primer guardado)", {
        method: "PUT",
        headers: { ...responsable.headers, "content-type": "application/json" },
        requests: [
          {
            method: "PUT",
            setupRequest: (request) => {
              const path = fresh[next++ % fresh.length] ?? "";
              return { ...request, path, body: JSON.stringify({ value: (next % 40) + 1 }) };
            },
          },
        ],
      }),
    );
    writing = false;
    await Promise.all(writers);
    process.stdout.write(
      `  escrituras de fondo durante la medición: ${background.saves} guardados, ${background.failures} fallidos\n`,
    );
    if (next > fresh.length) {
      process.stdout.write(
        `  aviso: saveReport repitió reportes (${next} > ${fresh.length}); las repeticiones responden 428\n`,
      );
    }
    return figures;
  } finally {
    await stopLiveServer(server);
  }
}

function printRoutes(figures: RouteFigure[]): void {
  const base = figures[0];
  if (!base) return;
  process.stdout.write(
    "  ruta                              sol/s     p50     p99   errores  no-2xx  sol/s÷noop  p99÷noop  RSS máx.  CPU\n",
  );
  for (const f of figures) {
    process.stdout.write(
      `  ${f.name.padEnd(32)} ${number.format(f.rps).padStart(7)} ${`${f.p50} ms`.padStart(7)} ${`${f.p99} ms`.padStart(7)} ${String(f.errors).padStart(8)} ${String(f.non2xx).padStart(7)} ${ratio.format(f.rps / base.rps).padStart(11)} ${ratio.format(f.p99 / Math.max(base.p99, 1)).padStart(9)} ${mb(f.peakRssBytes).padStart(9)}  ${ratio.format(f.cpuCores)}\n`,
    );
  }
}

spawnSync(process.execPath, ["scripts/build.mjs", "server"], { stdio: "inherit" });
process.stdout.write(
  `Carga: ${SECONDS} s por ruta, ${CONNECTIONS} conexiones, ${BACKGROUND_WRITERS} escritores de fondo; ` +
    `carga media de la máquina al empezar ${loadavg()
      .map((l) => ratio.format(l))
      .join(" / ")}\n`,
);
for (const engine of ENGINES) {
  const make = async () =>
    engine === "postgres" ? livePostgres("rumbo_bench_load") : livePglite();
  process.stdout.write(`\n== ${engine} ==\n`);
  const database = await make();
  try {
    printRoutes(await routesUnderLoad(database));
  } finally {
    await database.drop();
  }
  const rushDatabase = await make();
  try {
    const rush = await runResponsablesRush(rushDatabase, RESPONSABLES);
    const fiveXx = Object.entries(rush.statuses)
      .filter(([status]) => status.startsWith("5"))
      .reduce((n, [, c]) => n + c, 0);
    process.stdout.write(
      `  ${rush.responsables} responsables abren, guardan y envían su reporte: ${rush.requests} solicitudes en ` +
        `${number.format(rush.durationMs / 1000)} s; respuestas ${JSON.stringify(rush.statuses)}; 5xx ${fiveXx}; ` +
        `versiones guardadas ${rush.versions}; perdidos ${rush.lost}; RSS máx. ${mb(rush.peakRssBytes)}; CPU ${ratio.format(rush.cpuCores)} núcleos\n`,
    );
  } finally {
    await rushDatabase.drop();
  }
}
process.stdout.write(
  `\nCarga media de la máquina al terminar: ${loadavg()
    .map((l) => ratio.format(l))
    .join(" / ")}\n`,
);
