/**
 * Several areas reporting one indicator, through HTTP on both engines: each
 * area reports its own share (`?area=`), each share is reviewed on its own,
 * and the indicator shows which areas reported, which are pending and its
 * value combined by the ficha's rule (partial while an area is pending).
 */
import type { Indicator, Plan } from "@rumbo/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, sessionFor, type TestLogin } from "../../testing/accounts.ts";
import { openReportWorld, type ReportWorld } from "../../testing/report-world.ts";
import { seedPlan } from "../../testing/seed-plan.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";

const SALUD = "Secretaría de Salud";
const EDUCACION = "Secretaría de Educación";
const BOTH = `${SALUD}; ${EDUCACION}`;
/** Shares are parts of a total: a lone share looks low or high against the whole meta. */
const EXPLAINED = {
  semaforo: "Es la parte de un área; el total suma las demás.",
  sobreejecucion: "Es la parte de un área; el total suma las demás.",
  atipico: "Es la parte de un área; el total suma las demás.",
};

/** A 1×1 PNG, a soporte the server accepts. */
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);

/** The seed plan with reporting areas in the ficha of a few indicators. */
function planWithAreas(): Plan {
  const plan = seedPlan();
  const ficha: Record<string, Partial<Indicator>> = {
    // Flow (suma, número).
    "3980": { reportingAreas: BOTH, frequency: "trimestral" },
    // Level (creciente), shares added: the cumulative case.
    "78": { reportingAreas: BOTH, areaRule: "suma" },
    // Razón in %: numerators and denominators add.
    "2320": {
      reportingAreas: BOTH,
      measure: "razon",
      numerator: "Atendidos",
      denominator: "Total",
    },
    // Level, mean of the shares.
    "4074": { reportingAreas: BOTH, areaRule: "promedio" },
    // Only for the soporte test.
    "3979": { reportingAreas: BOTH },
    // Level, weighted mean.
    "77": { reportingAreas: `${SALUD} = 75; ${EDUCACION} = 25`, areaRule: "ponderado" },
  };
  for (const objective of plan.objectives) {
    objective.indicators = objective.indicators.map((i) => ({ ...i, ...ficha[i.code] }));
  }
  return plan;
}

describe.each(TEST_ENGINES)("varias áreas reportan un indicador, sobre $name", ({ open }) => {
  let w: ReportWorld;
  /** Responsables by area, assigned in the plan (objective 8) but not to the indicators above. */
  let salud: TestLogin;
  let educacion: TestLogin;

  const areaUrl = (code: string, period: string, area: string | null, action = "") =>
    `${w.url(code, period, action)}${area === null ? "" : `?area=${encodeURIComponent(area)}`}`;
  const get = (who: TestLogin, code: string, period: string, area: string | null) =>
    w.app.inject({ method: "GET", url: areaUrl(code, period, area), headers: who.headers });
  const save = (who: TestLogin, code: string, period: string, area: string | null, body: object) =>
    w.app.inject({
      method: "PUT",
      url: areaUrl(code, period, area),
      payload: { explanations: EXPLAINED, ...body },
      headers: who.headers,
    });
  const act = (
    who: TestLogin,
    action: string,
    code: string,
    period: string,
    area: string,
    etag: string,
  ) =>
    w.app.inject({
      method: "POST",
      url: areaUrl(code, period, area, action),
      headers: { ...who.headers, "if-match": etag },
    });
  /** The area's share saved and sent by its responsable; answers the report after sending. */
  async function sendShare(
    who: TestLogin,
    code: string,
    period: string,
    area: string,
    body: object,
  ) {
    const saved = await save(who, code, period, area, body);
    expect(saved.statusCode, saved.body).toBe(200);
    const sent = await act(who, "submit", code, period, area, String(saved.headers.etag));
    expect(sent.statusCode, sent.body).toBe(200);
    return sent;
  }

  beforeAll(async () => {
    w = await openReportWorld(open, planWithAreas());
    const db = w.database.db;
    const inPlan = [
      {
        role: "responsable" as const,
        scope: { kind: "objective" as const, planId: w.planId, objectiveCode: "8" },
      },
    ];
    salud = await sessionFor(
      db,
      await createAccount(db, "salud@entidad.gov.co", inPlan, { area: SALUD, name: "salud" }),
    );
    educacion = await sessionFor(
      db,
      await createAccount(db, "educacion@entidad.gov.co", inPlan, {
        area: EDUCACION,
        name: "educacion",
      }),
    );
  });
  afterAll(async () => {
    await w?.close();
  });

  it("sin área, o con una que la ficha no declara, el reporte se rechaza con 400 y la lista de áreas", async () => {
    const read = await get(w.consulta, "3980", "2025-Q1", null);
    expect(read.statusCode).toBe(400);
    expect(w.error(read)).toMatchObject({
      code: "VALIDATION_ERROR",
      message: `El indicador 3980 lo reportan varias áreas, cada una su parte: indique cuál (área): «${SALUD}», «${EDUCACION}».`,
    });
    const whole = await save(w.ana, "3980", "2025-Q1", null, { value: 12 });
    expect(whole.statusCode).toBe(400);
    const other = await save(w.ana, "3980", "2025-Q1", "Secretaría de Hacienda", { value: 12 });
    expect(other.statusCode).toBe(400);
    expect(w.error(other).message).toBe(
      `«Secretaría de Hacienda» no es un área que reporte el indicador 3980; las áreas son «${SALUD}», «${EDUCACION}».`,
    );
    // Nothing was stored for either share.
    expect((await get(w.consulta, "3980", "2025-Q1", SALUD)).json()).toMatchObject({ version: 0 });
    expect((await get(w.consulta, "3980", "2025-Q1", EDUCACION)).json()).toMatchObject({
      version: 0,
    });
    // An indicator without reporting areas is reported whole.
    const noAreas = await get(w.consulta, "4075", "2025-Q1", SALUD);
    expect(noAreas.statusCode).toBe(400);
  });

  it("el responsable de un área reporta su parte y no puede escribir la de otra área", async () => {
    const foreign = await save(educacion, "4074", "2025-Q1", SALUD, { value: 1 });
    expect(foreign.statusCode).toBe(403);
    expect((await get(w.consulta, "4074", "2025-Q1", SALUD)).json()).toMatchObject({ version: 0 });
    // Spelled without accents, the area is the one the ficha names.
    const own = await save(educacion, "4074", "2025-Q1", "secretaria de educacion", { value: 1 });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ area: EDUCACION, status: "borrador", version: 1, value: 1 });
  });

  it("cada parte se envía y se revisa por su cuenta; el indicador muestra quién reportó, quién falta y que el total es parcial", async () => {
    const first = await sendShare(salud, "3980", "2025-Q1", SALUD, { value: 10 });
    expect(first.json()).toMatchObject({
      area: SALUD,
      status: "enviado",
      areas: {
        rule: "suma",
        shares: [
          { area: SALUD, status: "enviado", value: 10 },
          { area: EDUCACION, status: null, value: null },
        ],
        reported: [SALUD],
        pending: [EDUCACION],
        value: 10,
        partial: true,
      },
    });
    // Planeación approves Salud's share alone.
    const approved = await act(
      w.lina,
      "approve",
      "3980",
      "2025-Q1",
      SALUD,
      String(first.headers.etag),
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: "aprobado",
      areas: { partial: true, value: 10 },
    });

    await sendShare(educacion, "3980", "2025-Q1", EDUCACION, { value: 7 });
    const list = await w.app.inject({
      method: "GET",
      url: `/api/plans/${w.planId}/reports?indicator=3980`,
      headers: w.lina.headers,
    });
    expect(list.statusCode).toBe(200);
    const lines = list.json().reports as Array<Record<string, unknown>>;
    expect(lines.map((l) => [l.area, l.status, l.value, l.canReview])).toEqual([
      [SALUD, "aprobado", 10, true],
      [EDUCACION, "enviado", 7, true],
    ]);
    // A flow adds the shares: 10 + 7.
    expect(lines[0]?.areas).toEqual({
      rule: "suma",
      shares: [
        { area: SALUD, status: "aprobado", value: 10 },
        { area: EDUCACION, status: "enviado", value: 7 },
      ],
      reported: [SALUD, EDUCACION],
      pending: [],
      value: 17,
      partial: false,
    });
    // The corte expects one report per area's share.
    const cortes = await w.app.inject({
      method: "GET",
      url: `/api/plans/${w.planId}/cortes`,
      headers: w.lina.headers,
    });
    const q1 = cortes.json().cortes.find((c: { id: number }) => c.id === w.q1Corte);
    expect(q1.progress).toMatchObject({ due: 2, received: 2, approved: 1, pending: 0 });
    // Each responsable's «Mis indicadores» holds only their area's share.
    const mine = await w.app.inject({
      method: "GET",
      url: `/api/plans/${w.planId}/reports?indicator=3980&mine=true`,
      headers: educacion.headers,
    });
    expect(mine.json().reports.map((l: { area: string }) => l.area)).toEqual([EDUCACION]);

    // Returning Educación's share leaves Salud's approved; the total is partial again.
    const educacionShare = await get(w.lina, "3980", "2025-Q1", EDUCACION);
    const back = await w.app.inject({
      method: "POST",
      url: areaUrl("3980", "2025-Q1", EDUCACION, "return"),
      headers: { ...w.lina.headers, "if-match": String(educacionShare.headers.etag) },
      payload: { comment: "Falta el soporte de Educación." },
    });
    expect(back.statusCode, back.body).toBe(200);
    const after = await w.app.inject({
      method: "GET",
      url: `/api/plans/${w.planId}/reports?indicator=3980`,
      headers: w.lina.headers,
    });
    const afterLines = after.json().reports as Array<Record<string, unknown>>;
    expect(afterLines.map((l) => [l.area, l.status, l.returnComment])).toEqual([
      [SALUD, "aprobado", null],
      [EDUCACION, "devuelto", "Falta el soporte de Educación."],
    ]);
    expect(afterLines[1]?.areas).toMatchObject({ pending: [EDUCACION], value: 10, partial: true });
  });

  it("un acumulado reportado 10 y luego 15 por un área y 7 por otra es 22, no 32", async () => {
    await sendShare(salud, "78", "2025-Q1", SALUD, { value: 10 });
    w.clock = new Date("2025-07-10T15:00:00Z");
    try {
      await sendShare(salud, "78", "2025-Q2", SALUD, { value: 15 });
      const q2 = await sendShare(educacion, "78", "2025-Q2", EDUCACION, { value: 7 });
      expect(q2.json().areas).toMatchObject({
        reported: [SALUD, EDUCACION],
        value: 22,
        partial: false,
      });
    } finally {
      w.clock = new Date("2025-04-10T15:00:00Z");
    }
  });

  it("una razón suma numeradores y denominadores de las áreas, nunca promedia sus porcentajes", async () => {
    await sendShare(salud, "2320", "2025-Q1", SALUD, { numerator: 9, denominator: 10 });
    const sent = await sendShare(educacion, "2320", "2025-Q1", EDUCACION, {
      numerator: 10,
      denominator: 100,
    });
    const areas = sent.json().areas;
    expect(areas.shares).toEqual([
      { area: SALUD, status: "enviado", value: 90 },
      { area: EDUCACION, status: "enviado", value: 10 },
    ]);
    // 19 / 110 = 17,27 %, not (90 % + 10 %) / 2 = 50 %.
    expect(areas.value).toBeCloseTo((19 / 110) * 100, 10);
  });

  it("un nivel promedia sus áreas, o las pondera con los pesos de la ficha", async () => {
    // Educación already saved 1 on 4074 (a borrador): it counts once sent.
    await sendShare(salud, "4074", "2025-Q1", SALUD, { value: 3 });
    const draft = await get(educacion, "4074", "2025-Q1", EDUCACION);
    expect(draft.json().areas).toMatchObject({ pending: [EDUCACION], value: 3, partial: true });
    const sent = await act(
      educacion,
      "submit",
      "4074",
      "2025-Q1",
      EDUCACION,
      String(draft.headers.etag),
    );
    expect(sent.json().areas).toMatchObject({ rule: "promedio", value: 2, partial: false });

    await sendShare(salud, "77", "2025-Q1", SALUD, { value: 80 });
    const weighted = await sendShare(educacion, "77", "2025-Q1", EDUCACION, { value: 60 });
    // 80 × 75 % + 60 × 25 % = 75.
    expect(weighted.json().areas).toMatchObject({ rule: "ponderado", value: 75, partial: false });
  });
  it("un soporte va a la parte de un área: sin área se rechaza, y el responsable de otra área no lo adjunta", async () => {
    const upload = (who: TestLogin, area: string | null) =>
      w.app.inject({
        method: "POST",
        url: `${w.url("3979", "2025-Q1", "evidence")}?fileName=foto.png${
          area === null ? "" : `&area=${encodeURIComponent(area)}`
        }`,
        payload: PNG,
        headers: { ...who.headers, "content-type": "application/octet-stream" },
      });
    const noArea = await upload(w.ana, null);
    expect(noArea.statusCode).toBe(400);
    expect(w.error(noArea).message).toContain("lo reportan varias áreas");
    expect((await upload(educacion, SALUD)).statusCode).toBe(403);
    const own = await upload(salud, "secretaria de salud");
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      area: SALUD,
      version: 1,
      evidence: [{ fileName: "foto.png" }],
    });
  });

  it("la carga masiva nombra el área de cada parte en su columna «Área»; sin ella la fila se rechaza", async () => {
    const load = (csv: string) =>
      w.app.inject({
        method: "POST",
        url: `/api/plans/${w.planId}/reports/import?fileName=avances.csv&dryRun=true`,
        headers: { ...w.lina.headers, "content-type": "text/csv; charset=utf-8" },
        payload: csv,
      });
    const refused = await load(["Indicador;Período;Valor;Área", "3979;2025-Q1;12;"].join("\r\n"));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toMatchObject([
      {
        row: 2,
        column: "Área",
        message: `avances.csv: fila 2, columna «Área» (D): El indicador 3979 lo reportan varias áreas, cada una su parte: indique cuál (área): «${SALUD}», «${EDUCACION}».`,
      },
    ]);
    const loaded = await load(
      ["Indicador;Período;Valor;Área", "3979;2025-Q1;12;secretaria de educacion"].join("\r\n"),
    );
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json().rows).toEqual([
      { indicator: "3979", period: "2025-Q1", area: EDUCACION, action: "crear" },
    ]);
  });

  it("el cumplimiento toma el valor de cada indicador combinado por la regla de su ficha", async () => {
    const actuals = await w.app.inject({
      method: "GET",
      url: `/api/plans/${w.planId}/actuals?basis=submitted`,
      headers: w.lina.headers,
    });
    expect(actuals.statusCode).toBe(200);
    const lines = actuals.body.trim().split("\n");
    // Flow: Salud's 10 (Educación's share was returned); levels: 15 + 7 (not 32), mean of 3 and 1, 80 × 75 % + 60 × 25 %.
    expect(lines).toEqual(
      expect.arrayContaining([
        "3980,2025-Q1,10",
        "78,2025-Q1,10",
        "78,2025-Q2,22",
        "4074,2025-Q1,2",
        "77,2025-Q1,75",
      ]),
    );
    const ratio = lines.find((l) => l.startsWith("2320,2025-Q1,"));
    expect(Number(ratio?.split(",")[2])).toBeCloseTo((19 / 110) * 100, 10);
  });
});
