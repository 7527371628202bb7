/**
 * Hostile requests against every write route (and the GET routes with query
 * strings): whatever arrives, the answer is never a 5xx, always the one error
 * shape, and a refused request leaves the stored data exactly as it was. The
 * report, corte, evidence and bulk-load routes get real indicator codes,
 * periods and cortes of a plan vigente (2025-Q1 open), so requests reach their
 * deep checks. After the run the heap returns to its level (docs/reliability.md,
 * «Fuzzing»). CI runs a bounded count on both engines; `npm run fuzz` runs the
 * long one (FUZZ_RUNS=5000 on the embedded database).
 */
import { api } from "@rumbo/core";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/open-database.ts";
import { cortes } from "../db/schema.ts";
import { loadDemoDataIfEmpty } from "../demo-data.ts";
import { getPlan, savePlan } from "../plans/plans-repository.ts";
import { createAccount, sessionFor } from "../testing/accounts.ts";
import {
  CURRENT_REPORT_VERSION,
  CURRENT_VERSION,
  describeRequest,
  type FuzzRequest,
  type FuzzRoute,
  requestFor,
} from "../testing/fuzz-requests.ts";
import { heapUsedAfterGc, megabytes } from "../testing/heap.ts";
import { storedSnapshot as snapshot } from "../testing/stored-snapshot.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import { buildApp } from "./app.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
/** Requests before the heap's first measure: they load what the server loads on first use. */
const WARM_UP = Math.min(100, RUNS);
/** How much the heap may keep after the run: generous, it is not a timing. */
const HEAP_BOUND_MB = 50;
const SEED =
  process.env.FUZZ_SEED === "random" ? undefined : Number(process.env.FUZZ_SEED ?? 20261207);
const ENGINES = process.env.FUZZ_ENGINE
  ? TEST_ENGINES.filter((e) => e.name === process.env.FUZZ_ENGINE)
  : TEST_ENGINES;

describe.each(ENGINES)("peticiones hostiles a cada ruta de escritura sobre $name", ({ open }) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let adminId: number;
  let plannerId: number;
  let planId: number;
  let reportPlanId: number;
  let corteIds: number[];
  let indicators: string[];
  let otherUser: number;
  let plan: Record<string, unknown>;

  beforeAll(async () => {
    database = await open();
    const demo = await loadDemoDataIfEmpty(database.db);
    if (!demo.loaded) throw new Error("la base de prueba debía estar vacía");
    const seed = await getPlan(database.db, demo.planId);
    if (!seed) throw new Error("falta el plan de demostración");
    const { id: _id, ...document } = seed;
    // A plan en formulación of its own, so edits really save and status changes happen.
    planId = await savePlan(database.db, { ...document, code: "FUZZ-1" });
    plan = { ...document, code: "FUZZ-1" } as Record<string, unknown>;
    adminId = await createAccount(database.db, "fuzz-admin@rumbo.test", [
      { role: "administrador", scope: { kind: "global" } },
    ]);
    otherUser = await createAccount(database.db, "fuzz-otra@rumbo.test", [
      { role: "administrador", scope: { kind: "global" } },
    ]);
    plannerId = await createAccount(database.db, "fuzz-planeacion@rumbo.test", [
      { role: "planeacion", scope: { kind: "global" } },
    ]);
    // The demo plan is vigente: its reports are written against cortes of 2024 (closed),
    // 2025-Q1 (open on the fuzz's clock) and 2025-Q2 (not open yet).
    reportPlanId = demo.planId;
    indicators = seed.objectives.flatMap((o) => o.indicators.map((i) => i.code));
    const rows = await database.db
      .insert(cortes)
      .values([
        {
          planId: reportPlanId,
          periodEnd: "2024-12-31",
          opensOn: "2025-01-02",
          dueOn: "2025-01-20",
          closesOn: "2025-01-31",
          closedAt: new Date("2025-02-01T15:00:00Z"),
        },
        {
          planId: reportPlanId,
          periodEnd: "2025-03-31",
          opensOn: "2025-04-01",
          dueOn: "2025-04-15",
          closesOn: "2025-04-30",
        },
        {
          planId: reportPlanId,
          periodEnd: "2025-06-30",
          opensOn: "2025-07-01",
          dueOn: "2025-07-15",
          closesOn: "2025-07-31",
        },
      ])
      .returning({ id: cortes.id });
    corteIds = rows.map((r) => r.id);
    app = await buildApp({
      database,
      logger: false,
      webDist: null,
      version: "0.1.0-test",
      // Bogotá, 10 de abril de 2025: the first quarter's corte is open.
      now: () => new Date("2025-04-10T15:00:00Z"),
    });
    await app.ready();
  });
  async function versionOf(id: number): Promise<number> {
    const result = (await database.db.execute(
      sql`select version from plans where id = ${id}`,
    )) as unknown as { rows: { version: number }[] };
    return result.rows[0]?.version ?? 1;
  }
  async function reportVersionOf(url: string): Promise<number> {
    const match = /^\/api\/plans\/(\d+)\/indicators\/([^/]+)\/reports\/([^/?]+)/.exec(url);
    if (!match) return 0;
    // A hostile segment (NUL, a lone surrogate, a bad escape) addresses no report: any version will do.
    try {
      const result = (await database.db.execute(
        sql`select coalesce(max(version), 0)::int as version from report_versions
            where plan_id = ${Number(match[1]) | 0}
              and indicator_code = ${decodeURIComponent(match[2] ?? "")}
              and period = ${decodeURIComponent(match[3] ?? "")}`,
      )) as unknown as { rows: { version: number }[] };
      return result.rows[0]?.version ?? 0;
    } catch {
      return 0;
    }
  }

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it(
    `${RUNS + WARM_UP} peticiones: nunca un 5xx, siempre la forma de error, y un rechazo no deja nada escrito; la memoria vuelve a su nivel`,
    async () => {
      const openapi = app.swagger() as {
        paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
      };
      const routes = app.routeTable
        .filter((r) => !r.url.startsWith("/api/docs") && r.url !== "/api/openapi.json")
        .map((r) => {
          const operation =
            openapi.paths[r.url.replace(/:(\w+)/g, "{$1}")]?.[r.method.toLowerCase()];
          const query = (operation?.parameters ?? [])
            .filter((p) => p.in === "query")
            .map((p) => p.name);
          return { method: r.method as FuzzRoute["method"], url: r.url, query };
        })
        .filter((r) => r.method !== "GET" || r.url.includes(":") || r.query.length > 0);
      // Every write route of the contracts is attacked, not only those the table happens to list.
      const writes = Object.values(api).filter((e) => e.method !== "GET");
      const attacked = new Set(routes.map((r) => `${r.method} ${r.url}`));
      expect(writes.filter((e) => !attacked.has(`${e.method} ${e.path}`))).toEqual([]);
      const ctx = { planId, userId: otherUser, plan, reportPlanId, indicators, corteIds };
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      // Printed with FUZZ_STATS, never asserted: where the run spends its time.
      const slowest: [number, string][] = [];
      const perWrite = new Map<string, Map<string, number>>();
      let before = await snapshot(database);
      // Seguimiento writes six times as often as the GET routes with a query, other writes three.
      const weighted = routes.map((route) => ({
        weight:
          route.method === "GET" ? 1 : /indicators|cortes|reports\/import/.test(route.url) ? 6 : 3,
        arbitrary: fc.constant(route),
      }));
      const arbitrary = fc
        .oneof(...weighted)
        .chain((route) => requestFor(route, ctx, {}).map((request) => ({ route, request })));
      const property = fc.asyncProperty(
        arbitrary,
        fc.constantFrom<"admin" | "planner" | null>("admin", "admin", "planner", null),
        async ({ route, request }, signedIn) => {
          const headers = { ...request.headers };
          if (headers["if-match"]?.includes(CURRENT_VERSION)) {
            headers["if-match"] = headers["if-match"].replace(
              CURRENT_VERSION,
              String(await versionOf(planId)),
            );
          }
          if (headers["if-match"]?.includes(CURRENT_REPORT_VERSION)) {
            headers["if-match"] = headers["if-match"].replace(
              CURRENT_REPORT_VERSION,
              String(await reportVersionOf(request.url)),
            );
          }
          if (signedIn) {
            const who = signedIn === "admin" ? adminId : plannerId;
            Object.assign(headers, (await sessionFor(database.db, who)).headers);
          }
          const sent: FuzzRequest = { ...request, headers };
          const started = performance.now();
          const res = await app.inject(sent);
          slowest.push([performance.now() - started, describeRequest(sent).slice(0, 160)]);
          slowest.sort((a, b) => b[0] - a[0]).splice(5);
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (route.method !== "GET") {
            const key = `${route.method} ${route.url}`;
            const counts = perWrite.get(key) ?? new Map<string, number>();
            const outcome =
              `${res.statusCode} ${/"code":"(\w+)"/.exec(res.body)?.[1] ?? ""}`.trim();
            counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
            perWrite.set(key, counts);
          }
          if (res.statusCode >= 500) {
            failures.push(
              `${res.statusCode} ← ${describeRequest(sent)}: ${res.body.slice(0, 200)}`,
            );
            return;
          }
          if (res.statusCode >= 400) {
            let body: { error?: { code?: unknown; message?: unknown } } = {};
            try {
              body = res.json();
            } catch {
              // Reported below as a foreign error shape.
            }
            if (typeof body.error?.code !== "string" || typeof body.error.message !== "string") {
              failures.push(
                `forma de error ajena ← ${describeRequest(sent)}: ${res.body.slice(0, 200)}`,
              );
            }
            const after = await snapshot(database);
            if (after !== before) {
              failures.push(`escritura parcial con ${res.statusCode} ← ${describeRequest(sent)}`);
            }
            before = after;
            return;
          }
          before = await snapshot(database);
        },
      );
      // CI replays one fixed sequence; `npm run fuzz` draws a new one each time (FUZZ_SEED=random).
      const seeded = (numRuns: number, offset: number) =>
        SEED === undefined ? { numRuns } : { numRuns, seed: SEED + offset };
      await fc.assert(property, seeded(WARM_UP, 1));
      const heapBefore = await heapUsedAfterGc();
      await fc.assert(property, seeded(RUNS, 0));
      const heapAfter = await heapUsedAfterGc();
      const sentCount = [...statuses.values()].reduce((a, b) => a + b, 0);
      if (process.env.FUZZ_STATS) {
        console.log(
          `${sentCount} peticiones; montículo ${megabytes(heapBefore)} MB → ${megabytes(heapAfter)} MB`,
          [...statuses].sort((a, b) => a[0] - b[0]),
        );
        console.log(
          "más lentas (ms):",
          slowest.map(([ms, what]) => `${Math.round(ms)} ${what}`),
        );
        for (const [key, counts] of [...perWrite].sort())
          console.log(key, Object.fromEntries([...counts].sort()));
      }
      expect(failures).toEqual([]);
      // Every write route was attacked, and the report routes got past their checks at least once.
      expect(writes.filter((e) => !perWrite.has(`${e.method} ${e.path}`))).toEqual([]);
      expect(megabytes(heapAfter - heapBefore)).toBeLessThan(HEAP_BOUND_MB);
    },
    60_000 + (RUNS + WARM_UP) * 250,
  );
});
