import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../db/open-database.ts";
import { buildApp } from "../http/app.ts";
import { adminQuery, TEST_ENGINES, TEST_PG_URL } from "../testing/test-databases.ts";
import { databaseLoginThrottle, LOGIN_MAX_PER_WINDOW } from "./login-throttle.ts";

const clock = new Date("2026-03-02T14:03:00Z");

/**
 * Two handles on one database, as two server processes would have: on
 * PostgreSQL two pools on the same database; PGlite lives inside one process,
 * so both apps share its handle (still two throttles, one per app).
 */
async function openTwice(engine: (typeof TEST_ENGINES)[number]): Promise<{
  handles: [DatabaseHandle, DatabaseHandle];
  close: () => Promise<void>;
}> {
  if (engine.name === "pglite") {
    const handle = await engine.open();
    return { handles: [handle, handle], close: () => handle.close() };
  }
  const name = `rumbo_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const first = await openDatabase({ engine: "postgres", url: url.toString() });
  const second = await openDatabase({ engine: "postgres", url: url.toString() });
  return {
    handles: [first, second],
    close: async () => {
      await first.close();
      await second.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

describe.each(TEST_ENGINES)(
  "límite de intentos de inicio de sesión por dirección ($name)",
  (engine) => {
    let close: () => Promise<void>;
    let apps: [FastifyInstance, FastifyInstance];
    let handle: DatabaseHandle;

    beforeAll(async () => {
      const opened = await openTwice(engine);
      close = opened.close;
      handle = opened.handles[0];
      const options = { logger: false, webDist: null, version: "t", now: () => clock } as const;
      apps = [
        await buildApp({ ...options, database: opened.handles[0] }),
        await buildApp({ ...options, database: opened.handles[1] }),
      ];
    });
    afterAll(async () => {
      for (const app of apps ?? []) await app.close();
      await close?.();
    });

    const login = (app: FastifyInstance, remoteAddress: string) =>
      app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "nadie@entidad.gov.co", password: "mala" },
        remoteAddress,
      });

    it("dos instancias del servidor sobre la misma base comparten los 20 intentos de una dirección", async () => {
      const [a, b] = apps;
      for (let i = 0; i < 10; i++) {
        expect((await login(a, "10.7.7.7")).statusCode).toBe(401);
        expect((await login(b, "10.7.7.7")).statusCode).toBe(401);
      }
      const onA = await login(a, "10.7.7.7");
      const onB = await login(b, "10.7.7.7");
      expect([onA.statusCode, onB.statusCode]).toEqual([429, 429]);
      expect(onB.json().error.code).toBe("TOO_MANY_ATTEMPTS");
      // 14:03 is 3 minutes into the window 14:00–14:10: 7 minutes to wait.
      expect(onB.headers["retry-after"]).toBe("420");
      expect((await login(b, "10.7.7.8")).statusCode).toBe(401);
    });

    it("20 intentos simultáneos y uno más: el 21 se rechaza aunque lleguen a la vez", async () => {
      const throttle = databaseLoginThrottle(handle.db);
      const at = new Date("2026-03-02T15:00:00Z");
      const waits = await Promise.all(
        Array.from({ length: LOGIN_MAX_PER_WINDOW + 1 }, () => throttle.hit("10.8.8.8", at)),
      );
      expect(waits.filter((w) => w > 0)).toEqual([600]);
    });

    it("en la ventana siguiente de 10 minutos la dirección vuelve a tener sus 20 intentos", async () => {
      const throttle = databaseLoginThrottle(handle.db);
      const start = new Date("2026-03-02T16:00:00Z");
      for (let i = 0; i < LOGIN_MAX_PER_WINDOW; i++)
        expect(await throttle.hit("10.6.6.6", start)).toBe(0);
      expect(await throttle.hit("10.6.6.6", new Date("2026-03-02T16:09:59Z"))).toBe(1);
      expect(await throttle.hit("10.6.6.6", new Date("2026-03-02T16:10:00Z"))).toBe(0);
    });
  },
);
