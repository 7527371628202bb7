import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/open-database.ts";
import { knownMigrations } from "../db/schema-version.ts";
import { stopServer } from "../main.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import { buildApp } from "./app.ts";

const TOKEN = "prometheus-de-la-oficina-tic";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The app with its log lines kept, to read what an operator would see. */
async function appWithLog(database: DatabaseHandle, metricsToken: string | null = null) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = await buildApp({
    database,
    logger: { level: "info", stream },
    webDist: null,
    version: "0.1.0-test",
    metricsToken,
  });
  return { app, lines };
}

describe.each(TEST_ENGINES)("operación sobre $name", ({ open, name }) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let lines: Record<string, unknown>[];
  const [previous, latest] = knownMigrations().slice(-2);

  beforeAll(async () => {
    database = await open();
    ({ app, lines } = await appWithLog(database, TOKEN));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("/api/ready responde 200 cuando la base responde y tiene todas las migraciones", async () => {
    const res = await app.inject({ method: "GET", url: "/api/ready" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: "ready",
      database: { engine: name, ok: true },
      migrations: { applied: latest?.tag, expected: latest?.tag, ok: true },
    });
  });

  it("/api/ready responde 503 y dice qué migración falta cuando la base está atrasada", async () => {
    const [row] = (
      (await database.db.execute(
        sql`DELETE FROM drizzle.__drizzle_migrations WHERE created_at = ${latest?.when}
            RETURNING hash, created_at::text AS created_at`,
      )) as unknown as { rows: { hash: string; created_at: string }[] }
    ).rows;
    try {
      const res = await app.inject({ method: "GET", url: "/api/ready" });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        status: "not_ready",
        database: { engine: name, ok: true },
        migrations: { applied: previous?.tag, expected: latest?.tag, ok: false },
        reason: `faltan migraciones: la base está en ${previous?.tag} y esta versión de Rumbo espera ${latest?.tag}`,
      });
      // Alive all the same: health says the process and its database answer.
      expect((await app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    } finally {
      await database.db.execute(
        sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES (${row?.hash}, ${row?.created_at}::bigint)`,
      );
    }
    expect((await app.inject({ method: "GET", url: "/api/ready" })).statusCode).toBe(200);
  });

  it("/metrics cuenta solicitudes y tiempos por operationId, nunca por la URL con el id", async () => {
    await app.inject({ method: "GET", url: "/api/plans/987654" });
    await app.inject({ method: "GET", url: "/api/plans/987655" });
    await app.inject({ method: "GET", url: "/api/ready" });
    const res = await app.inject({ method: "GET", url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(text).toContain(
      'rumbo_http_requests_total{operation="getPlan",method="GET",status="401"} 2',
    );
    expect(text).toMatch(
      /rumbo_http_request_duration_seconds_count\{operation="getPlan",method="GET"\} 2\n/,
    );
    expect(text).not.toContain("987654");
    expect(text).toContain(`rumbo_database_info{engine="${name}"} 1`);
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    if (name === "postgres") {
      expect(text).toMatch(/rumbo_db_pool_connections\{state="total"\} [1-9]\d*\n/);
      expect(text).toMatch(/rumbo_db_pool_waiting 0\n/);
    } else {
      expect(text).not.toContain("rumbo_db_pool_connections");
    }
  });

  it("/metrics desde otra máquina: 404 sin token, 403 con un token errado, 200 con el token", async () => {
    const from = (headers: Record<string, string> = {}) =>
      app.inject({ method: "GET", url: "/metrics", remoteAddress: "10.20.30.40", headers });
    const hidden = await from();
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error).toEqual({
      code: "NOT_FOUND",
      message: "No existe la ruta GET /metrics.",
      details: null,
    });
    const wrong = await from({ authorization: "Bearer otro-token-cualquiera" });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.message).toBe("El token de métricas no es válido.");
    expect((await from({ authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
    // Through a reverse proxy on this machine the socket is loopback, but the client is not.
    const proxied = await app.inject({
      method: "GET",
      url: "/metrics",
      headers: { "x-forwarded-for": "190.25.1.1" },
    });
    expect(proxied.statusCode).toBe(404);
  });

  it("cada respuesta lleva x-request-id y cada línea del registro de esa solicitud el mismo reqId", async () => {
    const generated = await app.inject({ method: "GET", url: "/api/health" });
    expect(generated.headers["x-request-id"]).toMatch(UUID);

    const kept = await app.inject({
      method: "GET",
      url: "/api/no-existe",
      headers: { "x-request-id": "nginx-7f3a9c" },
    });
    expect(kept.statusCode).toBe(404);
    expect(kept.headers["x-request-id"]).toBe("nginx-7f3a9c");
    const logged = lines.filter((l) => l.reqId === "nginx-7f3a9c").map((l) => l.msg);
    expect(logged).toEqual(["incoming request", "request completed"]);

    const replaced = await app.inject({
      method: "GET",
      url: "/api/health",
      headers: { "x-request-id": "no válido; con espacios" },
    });
    expect(replaced.headers["x-request-id"]).toMatch(UUID);
  });

  it("con la base caída, /api/ready responde 503 «la base de datos no responde»", async () => {
    const other = await open();
    const { app: alone } = await appWithLog(other);
    try {
      await other.close();
      const res = await alone.inject({ method: "GET", url: "/api/ready" });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        status: "not_ready",
        database: { engine: name, ok: false },
        reason: "la base de datos no responde",
      });
    } finally {
      await alone.close();
    }
  });
});

describe("parada ordenada", () => {
  it("una solicitud en curso al recibir la orden de parar termina con su respuesta, y la base se cierra después", async () => {
    const engine = TEST_ENGINES[0];
    if (!engine) throw new Error("sin motores");
    const database = await engine.open();
    const { app } = await appWithLog(database);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    // A slow request: it waits, then needs the database.
    app.get("/lenta", async () => {
      arrived();
      await gate;
      const result = (await database.db.execute(sql`SELECT 41 + 1 AS answer`)) as unknown as {
        rows: { answer: number }[];
      };
      return { answer: result.rows[0]?.answer };
    });
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const slow = fetch(`${address}/lenta`);
    console.error("PASO", "await started;");
    await started;
    const stopped = stopServer({ app, database });
    let stoppedEarly = false;
    void stopped.then(() => {
      stoppedEarly = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stoppedEarly).toBe(false);
    console.error("PASO", "release();");
    release();
    const res = await slow;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ answer: 42 });
    console.error("PASO", "await stopped;\n");
    // Without `Connection: close` on that answer, close() would wait for the client's keep-alive timeout.
    await stopped;
    await expect(fetch(`${address}/api/health`)).rejects.toThrow();
  });
});
