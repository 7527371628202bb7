import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/open-database.ts";
import { auditLog, users } from "../db/schema.ts";
import { createAccount } from "../testing/accounts.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import { type AuditRecord, listAudit, writeAudit } from "./audit-repository.ts";

/** Bogotá is UTC−5 all year: the instants the audit page asks for with "desde" and "hasta". */
const startOfDay = (day: string) => new Date(`${day}T00:00:00-05:00`);
/** "hasta" a day: entries before the first instant of the next one. */
const dayAfter = (day: string) => new Date(startOfDay(day).getTime() + 24 * 60 * 60 * 1000);

describe.each(TEST_ENGINES)("registro de auditoría sobre $name", ({ open }) => {
  let handle: DatabaseHandle;
  /** Ids of the May 2024 rows, by name. */
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    handle = await open();
    // Past rows with known instants: writeAudit stamps the database's clock.
    const rows = [
      ["antes", "2024-05-01T04:59:59.999Z", "ana@entidad.gov.co", "login", "ok"],
      ["primero", "2024-05-01T05:00:00.000Z", "ana@entidad.gov.co", "plan.editar", "ok"],
      ["beto", "2024-05-15T15:00:00.000Z", "beto_x@entidad.gov.co", "login", "failed"],
      ["betoax", "2024-05-31T23:00:00.000Z", "betoax@entidad.gov.co", "login", "denied"],
      ["ultimo", "2024-06-01T04:59:59.999Z", "ANA@entidad.gov.co", "login", "ok"],
      ["despues", "2024-06-01T05:00:00.000Z", "ana@entidad.gov.co", "login", "ok"],
    ] as const;
    for (const [name, at, actorEmail, action, outcome] of rows) {
      const [row] = await handle.db
        .insert(auditLog)
        .values({ at: new Date(at), actorEmail, action, outcome, resource: null, ip: "10.0.0.9" })
        .returning({ id: auditLog.id });
      ids[name] = row?.id ?? -1;
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  const names = (records: AuditRecord[]) =>
    records.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0] ?? `#${r.id}`);

  it("cada acción queda con quién, qué, sobre qué, desde dónde, el resultado y la hora del servidor", async () => {
    const ana = await createAccount(handle.db, "ana.auditada@entidad.gov.co", []);
    const before = Date.now();
    await writeAudit(handle.db, {
      userId: ana,
      actorEmail: "ana.auditada@entidad.gov.co",
      action: "plan.reprogramar",
      resource: "plan 7",
      outcome: "ok",
      ip: "192.168.10.4",
      details: { justificación: "Acta 12 de 2026", vigencias: [2025, 2026], meta: 0.1 },
    });
    const after = Date.now();
    const [record, ...rest] = await listAudit(handle.db, { action: "plan.reprogramar" });
    expect(rest).toEqual([]);
    expect(record).toEqual({
      id: expect.any(Number),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      userId: ana,
      actorEmail: "ana.auditada@entidad.gov.co",
      action: "plan.reprogramar",
      resource: "plan 7",
      outcome: "ok",
      ip: "192.168.10.4",
      details: { justificación: "Acta 12 de 2026", vigencias: [2025, 2026], meta: 0.1 },
    });
    // Stamped by the database: right instant, not shifted by a time zone (5 min of clock skew allowed).
    const at = Date.parse(record?.at ?? "");
    expect(at).toBeGreaterThanOrEqual(before - 5 * 60_000);
    expect(at).toBeLessThanOrEqual(after + 5 * 60_000);
  });

  it("una entrada sin detalles ni persona (un intento anónimo) se guarda con vacíos", async () => {
    await writeAudit(handle.db, {
      userId: null,
      actorEmail: null,
      action: "restablecer-contraseña",
      resource: null,
      outcome: "failed",
      ip: null,
    });
    const [record] = await listAudit(handle.db, { action: "restablecer-contraseña" });
    expect(record).toMatchObject({
      userId: null,
      actorEmail: null,
      resource: null,
      outcome: "failed",
      ip: null,
      details: null,
    });
  });

  it("desde y hasta incluyen el día completo en hora de Bogotá, ni un milisegundo más", async () => {
    const may = await listAudit(handle.db, {
      from: startOfDay("2024-05-01"),
      before: dayAfter("2024-05-31"),
    });
    expect(names(may)).toEqual(["ultimo", "betoax", "beto", "primero"]);
    expect(may.map((r) => r.at)).toEqual([
      "2024-06-01T04:59:59.999Z",
      "2024-05-31T23:00:00.000Z",
      "2024-05-15T15:00:00.000Z",
      "2024-05-01T05:00:00.000Z",
    ]);
    expect(names(await listAudit(handle.db, { before: dayAfter("2024-04-30") }))).toEqual([
      "antes",
    ]);
    expect(
      names(
        await listAudit(handle.db, {
          from: startOfDay("2024-06-01"),
          before: dayAfter("2024-06-01"),
        }),
      ),
    ).toEqual(["despues"]);
  });

  it("hasta el 31 de mayo incluye lo ocurrido medio milisegundo antes de la medianoche", async () => {
    // The database keeps microseconds; a JavaScript Date only milliseconds.
    const [micro] = await handle.db
      .insert(auditLog)
      .values({
        at: sql`'2024-05-31 23:59:59.9995-05'::timestamptz`,
        actorEmail: "carla@entidad.gov.co",
        action: "medianoche",
        outcome: "ok",
        resource: null,
        ip: "10.0.0.9",
      })
      .returning({ id: auditLog.id });
    try {
      const filter = { action: "medianoche" };
      expect(
        await listAudit(handle.db, { ...filter, before: dayAfter("2024-05-31") }),
      ).toHaveLength(1);
      expect(await listAudit(handle.db, { ...filter, from: startOfDay("2024-06-01") })).toEqual([]);
    } finally {
      await handle.db.delete(auditLog).where(eq(auditLog.id, micro?.id ?? -1));
    }
  });

  it("buscar por usuario encuentra parte del correo sin importar mayúsculas", async () => {
    const inMay = { from: startOfDay("2024-05-01"), before: dayAfter("2024-06-01") };
    expect(names(await listAudit(handle.db, { ...inMay, actorEmail: "ANA@" }))).toEqual([
      "despues",
      "ultimo",
      "primero",
    ]);
    expect(names(await listAudit(handle.db, { ...inMay, actorEmail: "beto" }))).toEqual([
      "betoax",
      "beto",
    ]);
  });

  it("un % o un _ en la búsqueda por usuario se toman como letras, no como comodines", async () => {
    const inMay = { from: startOfDay("2024-05-01"), before: dayAfter("2024-06-01") };
    expect(names(await listAudit(handle.db, { ...inMay, actorEmail: "beto_" }))).toEqual(["beto"]);
    expect(await listAudit(handle.db, { ...inMay, actorEmail: "%" })).toEqual([]);
    expect(await listAudit(handle.db, { ...inMay, actorEmail: "\\" })).toEqual([]);
  });

  it("la acción y el resultado filtran exactos y se combinan con las fechas", async () => {
    const inMay = { from: startOfDay("2024-05-01"), before: dayAfter("2024-05-31") };
    expect(names(await listAudit(handle.db, { ...inMay, action: "login" }))).toEqual([
      "ultimo",
      "betoax",
      "beto",
    ]);
    expect(names(await listAudit(handle.db, { ...inMay, action: "log" }))).toEqual([]);
    expect(names(await listAudit(handle.db, { ...inMay, action: "login", outcome: "ok" }))).toEqual(
      ["ultimo"],
    );
    expect(names(await listAudit(handle.db, { ...inMay, outcome: "denied" }))).toEqual(["betoax"]);
  });

  it("lo más reciente sale primero y el límite corta por ahí", async () => {
    const inMay = { from: startOfDay("2024-04-30"), before: dayAfter("2024-06-01") };
    expect(names(await listAudit(handle.db, inMay))).toEqual([
      "despues",
      "ultimo",
      "betoax",
      "beto",
      "primero",
      "antes",
    ]);
    expect(names(await listAudit(handle.db, { ...inMay, limit: 2 }))).toEqual([
      "despues",
      "ultimo",
    ]);
  });

  it("si se borra la cuenta, su rastro en la auditoría queda con el correo", async () => {
    const id = await createAccount(handle.db, "saliente@entidad.gov.co", []);
    await writeAudit(handle.db, {
      userId: id,
      actorEmail: "saliente@entidad.gov.co",
      action: "cuenta.salida",
      resource: `usuario ${id}`,
      outcome: "ok",
      ip: "10.0.0.2",
    });
    await handle.db.delete(users).where(eq(users.id, id));
    const [record] = await listAudit(handle.db, { action: "cuenta.salida" });
    expect(record).toMatchObject({
      userId: null,
      actorEmail: "saliente@entidad.gov.co",
      resource: `usuario ${id}`,
    });
  });

  it("sin límite da 500 entradas y nunca más de 10 001, las más recientes", async () => {
    await handle.db.execute(
      sql`INSERT INTO audit_log (at, action, outcome)
          SELECT timestamptz '2023-01-01T00:00:00Z' + n * interval '1 second', 'carga-masiva', 'ok'
          FROM generate_series(1, 10005) AS n`,
    );
    const [newest] = await handle.db
      .select({ id: sql<number>`max(${auditLog.id})::int` })
      .from(auditLog)
      .where(eq(auditLog.action, "carga-masiva"));
    const byDefault = await listAudit(handle.db, { action: "carga-masiva" });
    expect(byDefault).toHaveLength(500);
    expect(byDefault[0]?.id).toBe(newest?.id);
    expect(byDefault[0]?.at).toBe("2023-01-01T02:46:45.000Z");
    const most = await listAudit(handle.db, { action: "carga-masiva", limit: 50_000 });
    expect(most).toHaveLength(10_001);
    expect(most[10_000]?.at).toBe("2023-01-01T00:00:05.000Z");
  });
});
