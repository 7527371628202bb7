/**
 * Several instances on one PostgreSQL (docs/reliability.md §5): two real server
 * processes start at once on an empty database (one migrates and prepares
 * the first start, the other waits and finds the work done), then writes and
 * reads interleave through both:
 * - two writers of one report, one through each instance, each with If-Match:
 *   every save answered 200 is a version of its own with its value, the
 *   others are answered 409 VERSION_CONFLICT — no lost update;
 * - a session opened on one instance works on the other and a logout on one
 *   ends it on both;
 * - the login throttle per address counts the attempts made on both;
 * - compliance and the dashboard are the same numbers from both.
 */
import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { LOGIN_MAX_PER_WINDOW } from "./auth/login-throttle.ts";
import { reportVersions } from "./db/schema.ts";
import { serverPath } from "./package-root.ts";
import { savePlan } from "./plans/plans-repository.ts";
import { createAccount, sessionFor, TEST_PASSWORD } from "./testing/accounts.ts";
import {
  call,
  type LiveDatabase,
  type LiveServer,
  livePostgres,
  openEveryCorte,
  startLiveServer,
  stopLiveServer,
} from "./testing/live-server.ts";
import { seedPlan } from "./testing/seed-plan.ts";
import { listUsers } from "./users/users-repository.ts";

const WRITES_PER_WRITER = 8;

describe("dos instancias del servidor sobre un mismo PostgreSQL", () => {
  let database: LiveDatabase;
  const servers: LiveServer[] = [];
  afterAll(async () => {
    for (const s of servers) await stopLiveServer(s);
    await database?.drop();
  });

  it("arrancan a la vez, no pierden ninguna actualización y responden las mismas cifras", async () => {
    database = await livePostgres("rumbo_i14_multi");
    // Both start on the empty database at the same moment.
    const [a, b] = await Promise.all([startLiveServer(database), startLiveServer(database)]);
    if (!a || !b) throw new Error("no arrancaron las dos instancias");
    servers.push(a, b);

    const handle = await database.open();
    try {
      const db = handle.db;
      // Migrations applied once each, and one administrator from the first start.
      const journal = JSON.parse(
        readFileSync(serverPath("drizzle/meta/_journal.json"), "utf8"),
      ) as { entries: unknown[] };
      const applied = (await db.execute(
        sql`SELECT count(*)::int AS n, count(DISTINCT hash)::int AS distinct FROM drizzle.__drizzle_migrations`,
      )) as unknown as { rows: Record<string, number>[] };
      expect(applied.rows[0]).toEqual({
        n: journal.entries.length,
        distinct: journal.entries.length,
      });
      expect((await listUsers(db)).map((u) => u.email)).toEqual(["admin@rumbo.local"]);

      const plan = seedPlan();
      const planId = await savePlan(db, plan);
      await openEveryCorte(handle, planId, plan.years);
      const onPlan = (role: "responsable" | "planeacion") => ({
        role,
        scope: { kind: "plan" as const, planId },
      });
      const ana = await sessionFor(
        db,
        await createAccount(db, "ana@entidad.gov.co", [onPlan("responsable")]),
      );
      const beto = await sessionFor(
        db,
        await createAccount(db, "beto@entidad.gov.co", [onPlan("responsable")]),
      );
      const lina = await sessionFor(
        db,
        await createAccount(db, "lina@entidad.gov.co", [onPlan("planeacion")]),
      );

      // Two writers per report, Ana through instance A and Beto through B, interleaved.
      const keys = plan.objectives
        .flatMap((o) => o.indicators.map((i) => i.code))
        .slice(0, 6)
        .map((indicator) => ({ indicator, period: "2026" }));
      const path = (k: { indicator: string; period: string }, action = "") =>
        `/api/plans/${planId}/indicators/${k.indicator}/reports/${k.period}${action}`;
      const acked = new Map<string, { version: number; value: number }[]>();
      const refused: string[] = [];
      const otherAnswers: string[] = [];
      const writer = async (
        server: LiveServer,
        who: typeof ana,
        k: (typeof keys)[number],
        offset: number,
      ) => {
        for (let i = 0; i < WRITES_PER_WRITER; i++) {
          const current = await call(server.url, "GET", path(k), who);
          const value = offset + i;
          const version = (current.body as { version: number }).version;
          const res = await call(server.url, "PUT", path(k), who, {
            json: { value },
            ifMatch: version > 0 ? (current.etag ?? undefined) : undefined,
          });
          const code = (res.body as { error?: { code: string } }).error?.code;
          if (res.status === 200) {
            const list = acked.get(k.indicator) ?? [];
            list.push({ version: (res.body as { version: number }).version, value });
            acked.set(k.indicator, list);
          } else if (res.status === 409 && code === "VERSION_CONFLICT") refused.push(k.indicator);
          // The first save of a report has no version to name: a second first save finds one.
          else if (res.status === 428 && code === "IF_MATCH_REQUIRED") refused.push(k.indicator);
          else otherAnswers.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      };
      await Promise.all(keys.flatMap((k) => [writer(a, ana, k, 10), writer(b, beto, k, 50)]));
      expect(otherAnswers).toEqual([]);
      for (const k of keys) {
        const stored = await db
          .select({ version: reportVersions.version, value: reportVersions.value })
          .from(reportVersions)
          .where(
            and(
              eq(reportVersions.planId, planId),
              eq(reportVersions.indicatorCode, k.indicator),
              eq(reportVersions.period, k.period),
            ),
          )
          .orderBy(reportVersions.version);
        // Every 200 is a version of its own, and there is no version nobody was answered for.
        expect(stored).toEqual(
          (acked.get(k.indicator) ?? []).sort((x, y) => x.version - y.version),
        );
        expect(stored.length + refused.filter((r) => r === k.indicator).length).toBe(
          2 * WRITES_PER_WRITER,
        );
        // The same report, read through either instance.
        const [viaA, viaB] = await Promise.all([
          call(a.url, "GET", path(k), lina),
          call(b.url, "GET", path(k), lina),
        ]);
        expect(viaA.body).toEqual(viaB.body);
        expect((viaA.body as { value: number }).value).toBe(stored.at(-1)?.value);
      }

      // Each report is sent through one instance and approved through the other.
      for (const [i, k] of keys.entries()) {
        const [sender, reviewer] = i % 2 === 0 ? [a, b] : [b, a];
        const current = await call(sender.url, "GET", path(k), ana);
        const explained = await call(sender.url, "PUT", path(k), ana, {
          json: {
            value: (current.body as { value: number }).value,
            explanations: {
              semaforo: "La contratación se retrasó y se recupera en el segundo semestre.",
              sobreejecucion: "Se atendieron solicitudes adicionales de las entidades.",
              atipico: "El valor responde a una jornada extraordinaria de asistencia.",
            },
          },
          ifMatch: current.etag ?? undefined,
        });
        expect(explained.status, JSON.stringify(explained.body)).toBe(200);
        const sent = await call(sender.url, "POST", path(k, "/submit"), ana, {
          ifMatch: explained.etag ?? undefined,
        });
        expect(sent.status, JSON.stringify(sent.body)).toBe(200);
        const approved = await call(reviewer.url, "POST", path(k, "/approve"), lina, {
          ifMatch: sent.etag ?? undefined,
        });
        expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      }
      const reads = [
        `/api/plans/${planId}/compliance`,
        `/api/plans/${planId}/compliance?basis=submitted`,
        `/api/plans/${planId}/dashboard?year=2026`,
      ];
      for (const read of reads) {
        const [viaA, viaB] = await Promise.all([
          call(a.url, "GET", read, lina),
          call(b.url, "GET", read, lina),
        ]);
        expect(viaA.status).toBe(200);
        expect(viaA.body, read).toEqual(viaB.body);
      }

      // A session opened on A is the same session on B; a logout on B ends it on A.
      await createAccount(db, "carla@entidad.gov.co", [onPlan("responsable")]);
      const login = await fetch(`${a.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "carla@entidad.gov.co", password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
      const carla = { headers: { cookie, "x-csrf-token": csrf } };
      const onB = await call(b.url, "GET", "/api/auth/session", carla);
      expect((onB.body as { user?: { email: string } }).user?.email).toBe("carla@entidad.gov.co");
      expect((await call(b.url, "POST", "/api/auth/logout", carla)).status).toBeLessThan(300);
      const onA = await call(a.url, "GET", "/api/auth/session", carla);
      expect((onA.body as { authenticated: boolean }).authenticated).toBe(false);

      // The throttle per address counts the attempts on both: the limit is reached across them.
      // (The successful login above was one attempt from this address.)
      const statuses: number[] = [];
      for (let i = 1; i <= LOGIN_MAX_PER_WINDOW; i++) {
        const server = i % 2 === 0 ? a : b;
        const res = await call(server.url, "POST", "/api/auth/login", null, {
          json: { email: `nadie${i}@entidad.gov.co`, password: "no-es-la-clave" },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([...Array(LOGIN_MAX_PER_WINDOW - 1).fill(401), 429]);
    } finally {
      await handle.close();
    }
  }, 300_000);
});
