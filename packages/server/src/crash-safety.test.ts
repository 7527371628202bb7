/**
 * Crash safety (docs/reliability.md §1): the real server process, on each engine, is
 * killed with SIGKILL at a random moment while it imports plans, loads 1,000
 * reports in one bulk load and saves reports from several writers at once;
 * then it is started again on the same data. After every restart:
 * - every write that got a 2xx answer is there, as answered (version and value);
 * - no half-import: each imported plan is whole, and the 1,000 reports of the
 *   bulk load hold the values of one load only, all of them;
 * - the embedded data directory opens again (the dead process's lock is recovered).
 *
 * CRASH_ROUNDS (default 3 per engine) sets the rounds; CRASH_SEED the moments.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { plans, reportVersions } from "./db/schema.ts";
import { getPlan, savePlan } from "./plans/plans-repository.ts";
import { createAccount, sessionFor, type TestLogin } from "./testing/accounts.ts";
import {
  call,
  killLiveServer,
  type LiveDatabase,
  type LiveServer,
  livePglite,
  livePostgres,
  openEveryCorte,
  startLiveServer,
  stopLiveServer,
} from "./testing/live-server.ts";
import { seedPlan } from "./testing/seed-plan.ts";

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
const SAVE_WRITERS = 8;
const BULK_ROWS = 1000;

/** mulberry32: the kill moments of a run can be replayed with its CRASH_SEED. */
function randomFrom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const plan = seedPlan();
const indicatorCodes = plan.objectives.flatMap((o) => o.indicators.map((i) => i.code));
const indicatorCount = indicatorCodes.length;

/** The 1,000 reports of the bulk load: every month of 2024–2027, then the quarters of 2024–2025. */
const bulkKeys: { indicator: string; period: string }[] = [];
for (const year of plan.years) {
  for (let m = 1; m <= 12; m++) {
    for (const indicator of indicatorCodes)
      bulkKeys.push({ indicator, period: `${year}-${String(m).padStart(2, "0")}` });
  }
}
for (const year of [2024, 2025]) {
  for (let q = 1; q <= 4; q++) {
    for (const indicator of indicatorCodes) bulkKeys.push({ indicator, period: `${year}-Q${q}` });
  }
}
bulkKeys.splice(BULK_ROWS);

/** Round r loads r,00 … r,09: the integer part names the load a stored value came from. */
const bulkValue = (round: number, row: number) => round + (row % 10) / 100;
const bulkCsv = (round: number) =>
  [
    "Indicador;Período;Valor",
    ...bulkKeys.map(
      (k, i) => `${k.indicator};${k.period};${String(bulkValue(round, i)).replace(".", ",")}`,
    ),
  ].join("\r\n");

/** Each writer owns one report of 2026, so its If-Match chain is its own. */
const saveKeys = Array.from({ length: SAVE_WRITERS }, (_, w) => ({
  indicator: indicatorCodes[w % indicatorCount] ?? "",
  period: `2026-Q${(w % 4) + 1}`,
}));

type Ledger = {
  /** Plan codes whose import got 201, with the id answered. */
  plansAcked: Map<string, number>;
  plansAttempted: Set<string>;
  /** Rounds whose bulk load got 200 / was sent. */
  bulkAcked: number[];
  bulkAttempted: number[];
  /** Per save key: every acknowledged version and the value it saved. */
  savesAcked: Map<string, { version: number; value: number }[]>;
  /** Next value each writer saves. */
  seq: number[];
  unexpected: string[];
};

type World = {
  database: LiveDatabase;
  planId: number;
  admin: TestLogin;
  responsable: TestLogin;
};

async function prepare(database: LiveDatabase): Promise<World> {
  const handle = await database.open();
  try {
    const planId = await savePlan(handle.db, plan);
    await openEveryCorte(handle, planId, plan.years);
    const admin = await sessionFor(
      handle.db,
      await createAccount(handle.db, "sistemas@entidad.gov.co", [
        { role: "administrador", scope: { kind: "global" } },
      ]),
    );
    const responsable = await sessionFor(
      handle.db,
      await createAccount(handle.db, "ana@entidad.gov.co", [
        { role: "responsable", scope: { kind: "plan", planId } },
      ]),
    );
    return { database, planId, admin, responsable };
  } finally {
    await handle.close();
  }
}

const reportPath = (planId: number, k: { indicator: string; period: string }) =>
  `/api/plans/${planId}/indicators/${k.indicator}/reports/${k.period}`;

/**
 * Everything the ledger says was acknowledged is there; nothing is half there.
 * Read from the database itself (the bulk load's monthly reports are in no
 * corte's list), opened in this process once the restarted server has stopped.
 */
async function verify(database: LiveDatabase, world: World, ledger: Ledger): Promise<void> {
  const handle = await database.open();
  try {
    const db = handle.db;
    // Plans: every acknowledged import, whole; no other imported plan but whole ones.
    const imported = (await db.select({ id: plans.id, code: plans.code }).from(plans)).filter((p) =>
      p.code.startsWith("CAIDA-"),
    );
    for (const [code, id] of ledger.plansAcked) {
      expect(imported.find((p) => p.code === code)?.id, `plan ${code} confirmado`).toBe(id);
    }
    for (const p of imported) {
      expect(ledger.plansAttempted.has(p.code)).toBe(true);
      const stored = await getPlan(db, p.id);
      expect(stored?.objectives.flatMap((o) => o.indicators)).toHaveLength(indicatorCount);
    }

    const rows = await db
      .select({
        indicator: reportVersions.indicatorCode,
        period: reportVersions.period,
        version: reportVersions.version,
        value: reportVersions.value,
      })
      .from(reportVersions)
      .where(eq(reportVersions.planId, world.planId));
    const byKey = new Map<string, Map<number, number | null>>();
    for (const r of rows) {
      const key = `${r.indicator}|${r.period}`;
      const versions = byKey.get(key) ?? new Map<number, number | null>();
      versions.set(r.version, r.value);
      byKey.set(key, versions);
    }
    const latestValue = (key: string) => {
      const versions = byKey.get(key);
      if (!versions) return null;
      return versions.get(Math.max(...versions.keys())) ?? null;
    };

    // The bulk load: all 1,000 reports hold the values of one and the same load.
    const loads = new Set(
      bulkKeys.map((k) => {
        const value = latestValue(`${k.indicator}|${k.period}`);
        return value === null ? 0 : Math.floor(value + 1e-9);
      }),
    );
    expect([...loads], "la carga masiva quedó entera o no quedó").toHaveLength(1);
    const [load = 0] = [...loads];
    expect(load).toBeGreaterThanOrEqual(Math.max(0, ...ledger.bulkAcked));
    expect(load === 0 || ledger.bulkAttempted.includes(load)).toBe(true);

    // Saves: every acknowledged version is stored with the value it was answered with.
    for (const [key, acked] of ledger.savesAcked) {
      for (const a of acked) {
        expect(byKey.get(key)?.get(a.version), `${key}, versión ${a.version}`).toBe(a.value);
      }
    }
  } finally {
    await handle.close();
  }
}

const BULK_STARTS_AFTER_MS = 2000;

/**
 * One round of writes until the process dies: plan imports and report saves
 * from the start, the bulk load from BULK_STARTS_AFTER_MS on. `bulk` settles
 * when the bulk load is answered (true: acknowledged).
 */
function drive(
  server: LiveServer,
  world: World,
  ledger: Ledger,
  round: number,
): { work: Promise<void>[]; bulk: Promise<boolean> } {
  const { url } = server;
  const unexpected = (what: string, status: number, body: unknown) =>
    ledger.unexpected.push(`${what}: ${status} ${JSON.stringify(body).slice(0, 300)}`);
  const work: Promise<void>[] = [];

  // Plan imports, one after another.
  work.push(
    (async () => {
      for (let i = 0; ; i++) {
        const code = `CAIDA-${round}-${i}`;
        ledger.plansAttempted.add(code);
        const res = await call(url, "POST", "/api/plans/import?fileName=plan.json", world.admin, {
          body: JSON.stringify({ ...plan, code }),
          contentType: "application/json",
        });
        if (res.status === 201) ledger.plansAcked.set(code, (res.body as { id: number }).id);
        // Node ends a request whose body nobody read for 300 s (408): on a saturated machine
        // an import can wait that long behind the bulk load on the embedded database. Not
        // acknowledged, so it may or may not be there, but never half there.
        else if (res.status !== 408) unexpected(`importar ${code}`, res.status, res.body);
      }
    })(),
  );

  // The bulk load of 1,000 reports (one transaction).
  const bulk = (async () => {
    await new Promise((resolve) => setTimeout(resolve, BULK_STARTS_AFTER_MS));
    ledger.bulkAttempted.push(round);
    const res = await call(
      url,
      "POST",
      `/api/plans/${world.planId}/reports/import?fileName=avances.csv`,
      world.admin,
      { body: bulkCsv(round), contentType: "text/csv; charset=utf-8" },
    );
    const body = res.body as { created: number; updated: number; unchanged: number };
    if (res.status === 200 && body.created + body.updated + body.unchanged === BULK_ROWS) {
      ledger.bulkAcked.push(round);
      return true;
    }
    unexpected(`carga masiva ${round}`, res.status, res.body);
    return false;
  })();
  work.push(bulk.then(() => undefined));

  // Writers, each saving its own report again and again with If-Match.
  for (const [w, key] of saveKeys.entries()) {
    work.push(
      (async () => {
        const path = reportPath(world.planId, key);
        const current = await call(url, "GET", path, world.responsable);
        const stored = current.body as { version: number; value: number | null };
        let etag = stored.version > 0 ? (current.etag ?? undefined) : undefined;
        for (;;) {
          const seq = ledger.seq[w] ?? 0;
          ledger.seq[w] = seq + 1;
          const value = seq % 101;
          const res = await call(url, "PUT", path, world.responsable, {
            json: { value },
            ifMatch: etag,
          });
          if (res.status !== 200) {
            unexpected(`guardar ${key.indicator} ${key.period}`, res.status, res.body);
            return;
          }
          const version = (res.body as { version: number }).version;
          const list = ledger.savesAcked.get(`${key.indicator}|${key.period}`) ?? [];
          list.push({ version, value });
          ledger.savesAcked.set(`${key.indicator}|${key.period}`, list);
          etag = res.etag ?? undefined;
        }
      })(),
    );
  }
  // A request cut by the kill rejects (the connection reset): that write was never acknowledged.
  return {
    work: work.map((w) => w.catch(() => undefined)),
    bulk: bulk.catch(() => false),
  };
}

/** When a round's SIGKILL lands: before the bulk load, in the middle of it, or after its answer. */
const MOMENTS = [
  "durante la carga masiva",
  "después de la carga masiva",
  "antes de la carga masiva",
];

describe.each([
  { engine: "pglite" as const, make: async () => livePglite() },
  { engine: "postgres" as const, make: () => livePostgres("rumbo_i14_crash") },
])("caída abrupta del servidor (SIGKILL) sobre $engine", ({ engine, make }) => {
  const databases: LiveDatabase[] = [];
  afterAll(async () => {
    for (const d of databases) await d.drop();
  });

  it(`en ${ROUNDS} rondas, ninguna escritura confirmada se pierde y ninguna importación queda a medias`, async () => {
    const database = await make();
    databases.push(database);
    const world = await prepare(database);
    const random = randomFrom(SEED + (engine === "pglite" ? 0 : 7919));
    const ledger: Ledger = {
      plansAcked: new Map(),
      plansAttempted: new Set(),
      bulkAcked: [],
      bulkAttempted: [],
      savesAcked: new Map(),
      seq: saveKeys.map(() => 1),
      unexpected: [],
    };
    const moments: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const server = await startLiveServer(database);
      const started = Date.now();
      const { work, bulk } = drive(server, world, ledger, round);
      const when = MOMENTS[round <= MOMENTS.length ? round - 1 : Math.floor(random() * 3)] ?? "";
      const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      if (when === MOMENTS[0]) await wait(BULK_STARTS_AFTER_MS + 200 + random() * 7800);
      else if (when === MOMENTS[1]) {
        // After the bulk load's answer, and after one more plan import is answered (the
        // embedded database runs one transaction at a time: imports wait for the load).
        const imported = ledger.plansAcked.size;
        await bulk;
        const until = Date.now() + 20_000;
        while (ledger.plansAcked.size === imported && Date.now() < until) await wait(50);
        await wait(100 + random() * 900);
      } else await wait(BULK_STARTS_AFTER_MS / 2 + random() * (BULK_STARTS_AFTER_MS / 2 - 100));
      await killLiveServer(server);
      moments.push(`${Date.now() - started} ms (${when})`);
      // The writers end on the dead connection; what they were answered is in the ledger.
      await Promise.all(work);
      if (process.env.CRASH_DEBUG) process.stderr.write(server.stderr());
      if (engine === "pglite") {
        // The dead process's lock stays behind, to be recovered at the next start.
        expect(existsSync(join(database.env.RUMBO_DATA_DIR ?? "", "rumbo.lock"))).toBe(true);
      }
      // The server starts again on what the dead one left, and stops cleanly.
      const restarted = await startLiveServer(database);
      expect(await stopLiveServer(restarted)).toBe(0);
      await verify(database, world, ledger);
    }
    expect(ledger.unexpected).toEqual([]);
    const acknowledgedSaves = [...ledger.savesAcked.values()].reduce((n, l) => n + l.length, 0);
    process.stdout.write(
      `[caída ${engine}] semilla ${SEED}, ${ROUNDS} rondas, SIGKILL a ${moments.join("; ")}; ` +
        `confirmadas: ${ledger.plansAcked.size} importaciones de plan (${ledger.plansAttempted.size} intentadas), ` +
        `${ledger.bulkAcked.length} cargas de ${BULK_ROWS} (${ledger.bulkAttempted.length} intentadas), ` +
        `${acknowledgedSaves} guardados; perdidas: 0\n`,
    );
  }, 600_000);
});
