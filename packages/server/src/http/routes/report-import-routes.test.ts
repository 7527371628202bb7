/**
 * The bulk load of reportes de avance through HTTP on both engines, with the
 * seed plan: the dry run, the load (one transaction, versions with origen
 * «carga-masiva» and their audit), all or nothing with row and column
 * errors, the lock of a closed corte as a row error, submit=true with the
 * warnings' rules, an XLSX with Spanish headers. Cortes are rows written in
 * the set-up (their routes are another module's).
 */
import { asc, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../../audit/audit-repository.ts";
import type { DatabaseHandle } from "../../db/open-database.ts";
import { cortes, reportVersions } from "../../db/schema.ts";
import { savePlan } from "../../plans/plans-repository.ts";
import { createAccount, sessionFor, type TestLogin } from "../../testing/accounts.ts";
import { seedPlan } from "../../testing/seed-plan.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";
import { buildApp } from "../app.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe.each(TEST_ENGINES)("carga masiva de reportes sobre $name", ({ open }) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let planId: number;
  // Bogotá, 10 de enero de 2025: el corte anual de 2024 está abierto.
  const clock = new Date("2025-01-10T15:00:00Z");
  let paula: TestLogin; // planeación del plan
  let ramiro: TestLogin; // responsable del objetivo 3
  let corte2024: number;

  beforeAll(async () => {
    database = await open();
    app = await buildApp({
      database,
      logger: false,
      webDist: null,
      version: "t",
      now: () => clock,
    });
    const db = database.db;
    planId = await savePlan(db, seedPlan());
    paula = await sessionFor(
      db,
      await createAccount(db, "paula@entidad.gov.co", [
        { role: "planeacion", scope: { kind: "plan", planId } },
      ]),
    );
    ramiro = await sessionFor(
      db,
      await createAccount(db, "ramiro@entidad.gov.co", [
        { role: "responsable", scope: { kind: "objective", planId, objectiveCode: "3" } },
      ]),
    );
    const [corte] = await db
      .insert(cortes)
      .values({
        planId,
        periodEnd: "2024-12-31",
        opensOn: "2025-01-02",
        dueOn: "2025-01-20",
        closesOn: "2025-01-31",
      })
      .returning();
    corte2024 = corte?.id ?? 0;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const load = (
    who: TestLogin,
    body: string | Buffer,
    query = "",
    contentType = "text/csv; charset=utf-8",
  ) =>
    app.inject({
      method: "POST",
      url: `/api/plans/${planId}/reports/import?fileName=avances.csv${query}`,
      headers: { ...who.headers, "content-type": contentType },
      payload: body,
    });
  const versions = () =>
    database.db
      .select()
      .from(reportVersions)
      .where(eq(reportVersions.planId, planId))
      .orderBy(asc(reportVersions.id));

  it("una fila mala no guarda nada: cada error nombra la fila y la columna en español", async () => {
    const csv = [
      "Indicador;Período;Valor;Logros",
      "2307;2024;44;Se asistieron 44 entidades distritales.",
      "77;2024;sesenta;",
      "9999;2024;1;",
      "2320;2031;5;",
      "3980;2024-Q1;1;",
      "2307;2024;45;",
    ].join("\r\n");
    const res = await load(paula, csv);
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe("IMPORT_FAILED");
    expect(error.message).toBe("avances.csv no se cargó: 1 problema. No se guardó nada.");
    // The duplicate is the file's own problem: found before any row is saved.
    expect(error.details).toEqual([
      {
        message: "avances.csv: fila 7: el reporte de 2307 (2024) está repetido (ya en la fila 2)",
      },
    ]);

    const fixed = csv.split("\r\n").slice(0, 6).join("\r\n");
    const refused = await load(paula, fixed);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe(
      "avances.csv no se cargó: 4 problemas. No se guardó nada.",
    );
    expect(refused.json().error.details.map((d: { message: string }) => d.message)).toEqual([
      "avances.csv: fila 3, columna «Valor» (C): «sesenta» no es un número (use coma decimal, p. ej. 44,5).",
      "avances.csv: fila 4, columna «Indicador» (A): El plan PES-GP-2024-2027 no tiene el indicador 9999.",
      "avances.csv: fila 5, columna «Período» (B): El periodo 2031 está fuera de las vigencias del plan (2024–2027).",
      "avances.csv: fila 6: reporte de 3980 (2024-Q1): El corte aún no está abierto: todavía no se puede reportar este periodo.",
    ]);
    expect(refused.json().error.details[0]).toMatchObject({ row: 3, column: "Valor" });
    // Row 2 was good and saved in its savepoint, then the whole load rolled back.
    expect(await versions()).toEqual([]);
  });

  it("la prueba (dryRun) dice qué se crearía y no guarda; la carga crea versiones con origen carga-masiva y su auditoría; repetirla no cambia nada", async () => {
    const csv = [
      "indicador;periodo;valor;logros;beneficios a la ciudadanía",
      "2307;2024;44;Se asistieron 44 entidades distritales.;Mejor gestión del talento humano.",
      "77;2024;68,5;;",
      "4205;2024;;;",
    ].join("\r\n");
    const dry = await load(paula, csv, "&dryRun=true");
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({
      dryRun: true,
      rows: [
        { indicator: "2307", period: "2024", area: null, action: "crear" },
        { indicator: "77", period: "2024", area: null, action: "crear" },
      ],
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await versions()).toEqual([]);

    const loaded = await load(paula, csv);
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json()).toMatchObject({ dryRun: false, created: 2, updated: 0, unchanged: 0 });
    const stored = await versions();
    expect(
      stored.map((v) => [v.indicatorCode, v.period, v.version, v.status, v.value, v.source]),
    ).toEqual([
      ["2307", "2024", 1, "borrador", 44, "carga-masiva"],
      ["77", "2024", 1, "borrador", 68.5, "carga-masiva"],
    ]);
    expect(stored[0]?.achievements).toBe("Se asistieron 44 entidades distritales.");
    expect(stored[0]?.benefits).toBe("Mejor gestión del talento humano.");
    expect(stored.every((v) => v.recordedBy === paula.userId)).toBe(true);
    const audit = (await listAudit(database.db, { action: "reporte-guardado" })).filter(
      (a) => a.resource?.startsWith(`plan ${planId} /`) && a.details?.source === "carga-masiva",
    );
    expect(audit.map((a) => a.resource).sort()).toEqual([
      `plan ${planId} / indicador 2307 / periodo 2024`,
      `plan ${planId} / indicador 77 / periodo 2024`,
    ]);

    const again = await load(paula, csv);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = await load(paula, "indicador;periodo;valor\n77;2024;69\n");
    expect(changed.json()).toMatchObject({
      rows: [{ indicator: "77", period: "2024", area: null, action: "actualizar" }],
      updated: 1,
    });
    expect((await versions()).map((v) => `${v.indicatorCode}:v${v.version}`)).toEqual([
      "2307:v1",
      "77:v1",
      "77:v2",
    ]);
  });

  it("submit=true envía cada reporte; una advertencia sin explicar es un error con su columna, y explicada se envía", async () => {
    // 2320: 4 frente a 10 programado en 2024 es rojo (40 %).
    const unexplained = await load(paula, "indicador,periodo,valor\n2320,2024,4\n", "&submit=true");
    expect(unexplained.statusCode).toBe(422);
    expect(unexplained.json().error.details).toEqual([
      {
        message:
          "avances.csv: fila 2: no se puede enviar el reporte de 2320 (2024): Con este valor el periodo queda en rojo: explique los retrasos y las acciones de mejora. Escriba la explicación (al menos 10 caracteres) en la columna «explicación del semáforo».",
        row: 2,
        column: null,
      },
    ]);
    expect((await versions()).filter((v) => v.indicatorCode === "2320")).toEqual([]);

    const explained = await load(
      paula,
      [
        "indicador,periodo,valor,dificultades,explicación del semáforo",
        '2320,2024,4.5,"La contratación del operador se firmó en octubre.","El portafolio arrancó tarde por la contratación; se recupera en 2025."',
      ].join("\n"),
      "&submit=true",
    );
    expect(explained.statusCode).toBe(200);
    expect(explained.json()).toMatchObject({ created: 1 });
    const rows = (await versions()).filter((v) => v.indicatorCode === "2320");
    expect(rows.map((v) => [v.version, v.action, v.status, v.value, v.submittedBy])).toEqual([
      [1, "save", "borrador", 4.5, null],
      [2, "submit", "enviado", 4.5, paula.userId],
    ]);
    // Submitted: the load may no longer change it.
    const locked = await load(paula, "indicador;periodo;valor\n2320;2024;5\n");
    expect(locked.json().error.details[0].message).toBe(
      "avances.csv: fila 2: reporte de 2320 (2024): El reporte está enviado y en revisión: espere la respuesta de planeación.",
    );
  });

  it("un libro XLSX con encabezados en español se carga igual que el CSV", async () => {
    const { default: excel } = await import("exceljs");
    const workbook = new excel.Workbook();
    const sheet = workbook.addWorksheet("Reportes");
    sheet.addRow(["INDICADOR", "Nombre del indicador", "PERIODO", "Valor", "Acciones de mejora"]);
    sheet.addRow([4263, "Portal web de trámites", 2024, 0.1, "Publicar la primera versión."]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await load(paula, bytes, "", XLSX);
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toEqual([
      { indicator: "4263", period: "2024", area: null, action: "crear" },
    ]);
    const [row] = (await versions()).filter((v) => v.indicatorCode === "4263");
    expect([row?.value, row?.actions, row?.source]).toEqual([
      0.1,
      "Publicar la primera versión.",
      "carga-masiva",
    ]);
  });

  it("un corte cerrado vuelve error cada fila suya; quien no es planeación no puede cargar; un JSON no es un archivo de reportes", async () => {
    await database.db
      .update(cortes)
      .set({ closedAt: new Date("2025-01-09T20:00:00Z") })
      .where(eq(cortes.id, corte2024));
    const closed = await load(paula, "indicador;periodo;valor\n4074;2024;1\n");
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error.details[0].message).toBe(
      "avances.csv: fila 2: reporte de 4074 (2024): El corte está cerrado: el reporte ya no se puede cambiar.",
    );
    await database.db.update(cortes).set({ closedAt: null }).where(eq(cortes.id, corte2024));

    const responsable = await load(ramiro, "indicador;periodo;valor\n78;2024;85\n");
    expect(responsable.statusCode).toBe(403);
    const json = await load(paula, '{"a":1}', "", "application/json");
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe("UNSUPPORTED_FILE");
  });
});
