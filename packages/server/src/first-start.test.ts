import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, openDatabase } from "./db/open-database.ts";
import { prepareFirstStart } from "./first-start.ts";
import { startServer } from "./main.ts";
import { countPlans } from "./plans/plans-repository.ts";
import { adminQuery, TEST_PG_URL } from "./testing/test-databases.ts";
import { listUsers } from "./users/users-repository.ts";

/** An empty PostgreSQL database of its own, and its URL; dropped after the test. */
async function emptyPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `rumbo_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function administrators(handle: DatabaseHandle): Promise<string[]> {
  return (await listUsers(handle.db))
    .filter((u) => u.assignments.some((a) => a.role === "administrador"))
    .map((u) => u.email);
}

describe("dos servidores que arrancan a la vez sobre una base vacía", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("en PGlite, dos preparaciones a la vez dejan un plan de demostración y una sola administración", async () => {
    const handle = await openDatabase({ engine: "pglite", dataDir: null });
    cleanups.push(handle.close);
    const [first, second] = await Promise.all([
      prepareFirstStart(handle.db, { demo: true }),
      prepareFirstStart(handle.db, { demo: true }),
    ]);
    expect([first.accounts.length, second.accounts.length].sort()).toEqual([0, 4]);
    expect([first.demo.loaded, second.demo.loaded].sort()).toEqual([false, true]);
    expect(await countPlans(handle.db)).toBe(1);
    expect(await administrators(handle)).toEqual(["admin@rumbo.local"]);
  });

  it("en PostgreSQL, dos servidores con su propia conexión: el segundo espera y encuentra el trabajo hecho", async () => {
    const database = await emptyPostgres();
    cleanups.push(database.drop);
    const handles = await Promise.all([
      openDatabase({ engine: "postgres", url: database.url }),
      openDatabase({ engine: "postgres", url: database.url }),
    ]);
    for (const h of handles) cleanups.push(h.close);
    const starts = await Promise.all(handles.map((h) => prepareFirstStart(h.db, { demo: true })));
    expect(starts.map((s) => s.accounts.length).sort()).toEqual([0, 4]);
    expect(starts.map((s) => s.demo.loaded).sort()).toEqual([false, true]);
    expect(await countPlans(handles[0].db)).toBe(1);
    expect(await administrators(handles[1])).toEqual(["admin@rumbo.local"]);
    expect((await listUsers(handles[0].db)).map((u) => u.email).sort()).toEqual([
      "admin@rumbo.local",
      "consulta@rumbo.local",
      "planeacion@rumbo.local",
      "responsable@rumbo.local",
    ]);
  });

  it("en PostgreSQL, dos startServer a la vez arrancan los dos y las contraseñas se muestran una sola vez", async () => {
    const database = await emptyPostgres();
    cleanups.push(database.drop);
    let printed = "";
    const write = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, "write").mockImplementation((chunk, ...rest) => {
      printed += String(chunk);
      return typeof rest[0] === "function" ? write(chunk, rest[0]) : true;
    });
    const env = {
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      LOG_LEVEL: "silent",
      RUMBO_DEMO: "true",
    };
    const results = await Promise.allSettled([startServer(env), startServer(env)]);
    for (const r of results) {
      if (r.status === "fulfilled") {
        cleanups.push(async () => {
          await r.value.app.close();
          await r.value.database.close();
        });
      }
    }
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(
      printed.split("Cuentas creadas (las contraseñas se muestran solo esta vez)"),
    ).toHaveLength(2);
    const running = results[0];
    if (running?.status !== "fulfilled") throw new Error("el primer servidor no arrancó");
    const plans = (await running.value.app.inject({ method: "GET", url: "/api/plans" })).json();
    expect(plans.plans.map((p: { code: string }) => p.code)).toEqual(["PES-GP-2024-2027"]);
    expect(await administrators(running.value.database)).toEqual(["admin@rumbo.local"]);
  });
});
