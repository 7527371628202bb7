/**
 * The public portal's API (ADR 0016) on the seed plan as `npm start` leaves
 * it: the plan and its four 2024 cortes published, the 2025 corte open with a
 * report in each state. The leak test plants values and texts in everything
 * that is not published — a plan never published, drafts, returned and
 * submitted reports, an approved report of a closed corte not published, a
 * correction not yet republished — and crawls every public route asserting
 * none of them, nor any person, appears.
 */
import { api, type ReportStatus } from "@rumbo/core";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/open-database.ts";
import { cortes, reportVersions, users } from "../../db/schema.ts";
import { savePlan } from "../../plans/plans-repository.ts";
import { closeCorte, createCorte } from "../../seguimiento/corte-service.ts";
import type { TestLogin } from "../../testing/accounts.ts";
import { openPublishedSeed, PUBLISHED_SEED_NOW } from "../../testing/published-seed.ts";
import { seedPlan } from "../../testing/seed-plan.ts";
import { GLOBAL_PLANNER, openTestApp, type TestApp } from "../../testing/test-app.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";

const BASE = "/api/public/v1";

type Planted = { status: ReportStatus; value: number | null; text: string; comment?: string };

/** The next version of a report, written as the workflow writes it, with texts that appear nowhere else. */
async function plant(
  db: Database,
  planId: number,
  indicator: string,
  period: string,
  p: Planted,
): Promise<void> {
  const [latest] = await db
    .select({ version: reportVersions.version })
    .from(reportVersions)
    .where(
      and(
        eq(reportVersions.planId, planId),
        eq(reportVersions.indicatorCode, indicator),
        eq(reportVersions.period, period),
        eq(reportVersions.area, ""),
      ),
    )
    .orderBy(desc(reportVersions.version))
    .limit(1);
  const action = { borrador: "save", enviado: "submit", devuelto: "return", aprobado: "approve" };
  await db.insert(reportVersions).values({
    planId,
    indicatorCode: indicator,
    period,
    version: (latest?.version ?? 0) + 1,
    action: action[p.status],
    status: p.status,
    value: p.value,
    achievements: `${p.text} logros`,
    difficulties: `${p.text} retrasos`,
    actions: `${p.text} soluciones`,
    benefits: `${p.text} beneficios`,
    evidence: [
      {
        kind: "link",
        url: `https://soportes.example/${p.text}`,
        title: p.text,
        addedAt: PUBLISHED_SEED_NOW.toISOString(),
        addedBy: null,
      },
    ],
    comment: p.comment ?? null,
    source: "formulario",
    recordedAt: PUBLISHED_SEED_NOW,
  });
}

/** Every public answer a visitor can reach from the list: plans, every publication of every corte, every indicator. */
async function crawl(test: TestApp): Promise<{ urls: string[]; text: string }> {
  const bodies: string[] = [];
  const urls: string[] = [];
  const get = async (url: string) => {
    const res = await test.app.inject({ method: "GET", url });
    expect(res.statusCode, url).toBe(200);
    urls.push(url);
    bodies.push(res.body);
    return res.json();
  };
  const first = api.listPublicPlans.responses[200].parse(await get(`${BASE}/plans?pageSize=1`));
  for (let page = 1; page <= first.total; page++) {
    const list = api.listPublicPlans.responses[200].parse(
      await get(`${BASE}/plans?page=${page}&pageSize=1`),
    );
    for (const item of list.items) {
      const plan = api.getPublicPlan.responses[200].parse(await get(`${BASE}/plans/${item.id}`));
      for (const corte of plan.cortes) {
        for (const publication of corte.publications) {
          const url = `${BASE}/plans/${item.id}/cortes/${corte.periodEnd}?publication=${publication.number}`;
          const answer = api.getPublicCorte.responses[200].parse(await get(url));
          for (const indicator of answer.snapshot.result.indicators) {
            await get(
              `${BASE}/plans/${item.id}/cortes/${corte.periodEnd}/indicators/${indicator.code}?publication=${publication.number}`,
            );
          }
        }
        await get(`${BASE}/plans/${item.id}/cortes/${corte.periodEnd}`);
        // The open data of each publication, in every format that is text.
        for (const publication of corte.publications) {
          for (const format of ["csv", "csv-excel", "json", "datapackage"]) {
            const url = `${BASE}/plans/${item.id}/open-data?corte=${corte.periodEnd}&format=${format}&publication=${publication.number}`;
            const res = await test.app.inject({ method: "GET", url });
            expect(res.statusCode, url).toBe(200);
            urls.push(url);
            bodies.push(res.body);
          }
        }
      }
    }
  }
  await get(`${BASE}/catalog`);
  return { urls, text: bodies.join("\n") };
}

describe.each(TEST_ENGINES)("portal público ($name)", (engine) => {
  let test: TestApp & { planId: number };
  let planner: TestLogin;
  let consulta: TestLogin;
  let hiddenPlanId = 0;

  beforeAll(async () => {
    test = await openPublishedSeed(engine);
    planner = await test.login("oap@entidad.gov.co", GLOBAL_PLANNER);
    consulta = await test.login("ciudadania@entidad.gov.co", [
      { role: "consulta", scope: { kind: "plan", planId: test.planId } },
    ]);
  }, 120_000);
  afterAll(async () => {
    await test?.close();
  });

  const publish = (planId: number, corteId: number, who: TestLogin = planner) =>
    test.app.inject({
      method: "POST",
      url: `/api/plans/${planId}/cortes/${corteId}/publish`,
      headers: who.headers,
    });
  const corteIdOf = async (planId: number, periodEnd: string) => {
    const [row] = await test.database.db
      .select({ id: cortes.id })
      .from(cortes)
      .where(and(eq(cortes.planId, planId), eq(cortes.periodEnd, periodEnd)));
    if (!row) throw new Error(`falta el corte ${periodEnd}`);
    return row.id;
  };

  it("el plan semilla y sus cuatro cortes 2024 están publicados: al 31/12/2024 la meta 2307 cumple 44 de 46", async () => {
    const list = api.listPublicPlans.responses[200].parse(
      (await test.app.inject({ method: "GET", url: `${BASE}/plans` })).json(),
    );
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      id: test.planId,
      code: "PES-GP-2024-2027",
      license: { id: "CC-BY-SA-4.0", act: null },
      latestCorte: { periodEnd: "2024-12-31", number: 5 },
    });
    const plan = api.getPublicPlan.responses[200].parse(
      (await test.app.inject({ method: "GET", url: `${BASE}/plans/${test.planId}` })).json(),
    );
    expect(plan.cortes.map((c) => [c.periodEnd, c.latest.number])).toEqual([
      ["2024-03-31", 2],
      ["2024-06-30", 3],
      ["2024-09-30", 4],
      ["2024-12-31", 5],
    ]);
    expect(plan.latestCorte?.overview.previous?.periodEnd).toBe("2024-09-30");
    const indicator = api.getPublicIndicator.responses[200].parse(
      (
        await test.app.inject({
          method: "GET",
          url: `${BASE}/plans/${test.planId}/cortes/2024-12-31/indicators/2307`,
        })
      ).json(),
    );
    expect(indicator.indicator.result.years["2024"]?.compliance).toBe(44 / 46);
    expect(indicator.indicator.reports.map((r) => [r.period, r.value])).toEqual([["2024", 44]]);
    expect(indicator.indicator.explanations.vigencia.when).toBe("vigencia 2024");
  });

  it("ETag, Last-Modified, Cache-Control y CORS; If-None-Match da 304, HEAD no trae cuerpo, otros métodos 405, ninguna cookie", async () => {
    const url = `${BASE}/plans/${test.planId}/cortes/2024-12-31`;
    const first = await test.app.inject({ method: "GET", url, headers: consulta.headers });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe(`"r1-corte-${test.planId}-5-5"`);
    expect(first.headers["last-modified"]).toBe(PUBLISHED_SEED_NOW.toUTCString());
    expect(first.headers["cache-control"]).toBe("public, max-age=300");
    expect(first.headers["access-control-allow-origin"]).toBe("*");
    expect(first.headers["set-cookie"]).toBeUndefined();

    const again = await test.app.inject({
      method: "GET",
      url,
      headers: { "if-none-match": String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");

    const head = await test.app.inject({ method: "HEAD", url });
    expect(head.statusCode).toBe(200);
    expect(head.headers.etag).toBe(first.headers.etag);
    expect(head.body).toBe("");

    const numbered = await test.app.inject({ method: "GET", url: `${url}?publication=5` });
    expect(numbered.headers["cache-control"]).toBe("public, max-age=3600");

    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const) {
      const refused = await test.app.inject({ method, url, headers: planner.headers });
      expect(refused.statusCode, method).toBe(405);
      expect(refused.headers.allow).toBe("GET, HEAD");
      expect(refused.json().error.code).toBe("METHOD_NOT_ALLOWED");
    }
  });

  it("un corte abierto no se publica; consulta no publica; publicar sin cambios no crea otra publicación", async () => {
    const open = await publish(test.planId, await corteIdOf(test.planId, "2025-12-31"));
    expect(open.statusCode).toBe(409);
    expect(open.json().error).toMatchObject({
      code: "CORTE_NOT_CLOSED",
      message: "El corte del 31/12/2025 no está cerrado: solo se publica un corte cerrado.",
    });
    const december = await corteIdOf(test.planId, "2024-12-31");
    expect((await publish(test.planId, december, consulta)).statusCode).toBe(403);
    const same = await publish(test.planId, december);
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ created: false, publication: { number: 5 } });
  });

  it("nada sin publicar sale por la API pública; una corrección sale solo al publicar de nuevo, y la publicación anterior sigue legible", async () => {
    const db = test.database.db;
    const act = { userId: null, actorEmail: null, ip: null, now: PUBLISHED_SEED_NOW };
    // A plan never published, with a closed corte and an approved report.
    hiddenPlanId = await savePlan(db, {
      ...seedPlan(),
      code: "PLAN-OCULTO-9",
      name: "Plan oculto ZETA",
    });
    const hiddenCorte = await createCorte(
      db,
      hiddenPlanId,
      {
        periodEnd: "2024-12-31",
        opensOn: "2025-01-01",
        dueOn: "2025-01-15",
        closesOn: "2025-01-31",
      },
      act,
    );
    await plant(db, hiddenPlanId, "2307", "2024", {
      status: "aprobado",
      value: 31.75,
      text: "OCULTO-APROBADO",
    });
    await closeCorte(db, hiddenPlanId, hiddenCorte.id, act);
    const refused = await publish(hiddenPlanId, hiddenCorte.id);
    expect(refused.json().error).toMatchObject({
      code: "PLAN_NOT_PUBLISHED",
      message: "El corte del 31/12/2024 no se publicó: primero publique el plan.",
    });
    // In the published plan: a 2025 corte closed but not published, with an approved report.
    const march = await createCorte(
      db,
      test.planId,
      {
        periodEnd: "2025-03-31",
        opensOn: "2025-04-01",
        dueOn: "2025-04-15",
        closesOn: "2025-04-30",
      },
      act,
    );
    await plant(db, test.planId, "3979", "2025-Q1", {
      status: "aprobado",
      value: 777.125,
      text: "APROBADO-SIN-PUBLICAR",
    });
    await closeCorte(db, test.planId, march.id, act);
    // A correction of meta 77 in 2024 walks the workflow after its corte was published.
    await plant(db, test.planId, "77", "2024", {
      status: "borrador",
      value: 12_345.5,
      text: "BORRADOR-CORRECCION",
    });
    await plant(db, test.planId, "77", "2024", {
      status: "enviado",
      value: 12_346.5,
      text: "ENVIADO-SIN-APROBAR",
    });
    await plant(db, test.planId, "77", "2024", {
      status: "devuelto",
      value: 12_346.5,
      text: "DEVUELTO-TEXTO",
      comment: "DEVUELTO-COMENTARIO",
    });
    await plant(db, test.planId, "77", "2024", {
      status: "aprobado",
      value: 70.25,
      text: "CORRECCION-APROBADA",
    });
    // Still under way when the corte is published again: sent, in draft, returned.
    await plant(db, test.planId, "3979", "2024-Q4", {
      status: "enviado",
      value: 4321.5,
      text: "ENVIADO-AL-REPUBLICAR",
    });
    await plant(db, test.planId, "2320", "2024", {
      status: "borrador",
      value: 5432.5,
      text: "BORRADOR-AL-REPUBLICAR",
    });
    await plant(db, test.planId, "4074", "2024", {
      status: "devuelto",
      value: 6543.5,
      text: "DEVUELTO-AL-REPUBLICAR",
    });

    const people = await db.select({ name: users.name, email: users.email }).from(users);
    const unpublished = [
      "PLAN-OCULTO-9",
      "Plan oculto ZETA",
      "OCULTO-APROBADO",
      "31.75",
      "2025-03-31",
      "APROBADO-SIN-PUBLICAR",
      "777.125",
      "BORRADOR-CORRECCION",
      "12345.5",
      "ENVIADO-SIN-APROBAR",
      "12346.5",
      "DEVUELTO-TEXTO",
      "DEVUELTO-COMENTARIO",
      "CORRECCION-APROBADA",
      "70.25",
      "ENVIADO-AL-REPUBLICAR",
      "4321.5",
      "BORRADOR-AL-REPUBLICAR",
      "5432.5",
      "DEVUELTO-AL-REPUBLICAR",
      "6543.5",
      "2025-12-31",
      // The open corte's demo reports (2307 aprobado at 0,98; 77 enviado at 0,99; 78 devuelto at 0,995).
      '"period":"2025"',
      ...people.flatMap((p) => [p.name, p.email]),
    ];
    const before = await crawl(test);
    expect(before.urls.length).toBeGreaterThan(5 * 4);
    for (const planted of unpublished)
      expect(before.text.includes(planted), `${planted} aparece sin publicar`).toBe(false);
    for (const url of [
      `${BASE}/plans/${hiddenPlanId}`,
      `${BASE}/plans/${hiddenPlanId}/cortes/2024-12-31`,
    ]) {
      expect((await test.app.inject({ method: "GET", url })).json().error.code).toBe(
        "PLAN_NOT_FOUND",
      );
    }
    expect(
      (
        await test.app.inject({
          method: "GET",
          url: `${BASE}/plans/${test.planId}/cortes/2025-03-31`,
        })
      ).json().error,
    ).toMatchObject({
      code: "PUBLICATION_NOT_FOUND",
      message: `El corte del 31/03/2025 del plan ${test.planId} no está publicado.`,
    });

    // Republishing the December corte makes publication 6; publication 5 stays as it was.
    const republished = await publish(test.planId, await corteIdOf(test.planId, "2024-12-31"));
    expect(republished.json()).toMatchObject({
      created: true,
      publication: { number: 6, supersedes: 5 },
    });
    const latest = api.getPublicIndicator.responses[200].parse(
      (
        await test.app.inject({
          method: "GET",
          url: `${BASE}/plans/${test.planId}/cortes/2024-12-31/indicators/77`,
        })
      ).json(),
    );
    expect(latest.publication).toMatchObject({ number: 6, supersedes: 5 });
    expect(latest.indicator.reports.map((r) => [r.value, r.analysis.achievements])).toEqual([
      [70.25, "CORRECCION-APROBADA logros"],
    ]);
    const earlier = api.getPublicIndicator.responses[200].parse(
      (
        await test.app.inject({
          method: "GET",
          url: `${BASE}/plans/${test.planId}/cortes/2024-12-31/indicators/77?publication=5`,
        })
      ).json(),
    );
    expect(earlier.latestNumber).toBe(6);
    expect(earlier.indicator.reports.map((r) => r.value)).toEqual([68.5]);

    const after = await crawl(test);
    const stillUnpublished = unpublished.filter(
      (p) => !["CORRECCION-APROBADA", "70.25"].includes(p),
    );
    for (const planted of stillUnpublished)
      expect(after.text.includes(planted), `${planted} aparece sin publicar`).toBe(false);
    expect(after.text).toContain("CORRECCION-APROBADA");
    // A report under way at publication is not published, and its earlier approved value no longer counts.
    const quarterly = api.getPublicIndicator.responses[200].parse(
      (
        await test.app.inject({
          method: "GET",
          url: `${BASE}/plans/${test.planId}/cortes/2024-12-31/indicators/3979`,
        })
      ).json(),
    );
    expect(quarterly.indicator.reports.map((r) => [r.period, r.value])).toEqual([
      ["2024-Q1", 5],
      ["2024-Q2", 8],
      ["2024-Q3", 12],
    ]);
  }, 120_000);

  it("planeación ve la lista de publicaciones con número, fecha y quién publicó", async () => {
    const res = await test.app.inject({
      method: "GET",
      url: `/api/plans/${test.planId}/publications`,
      headers: planner.headers,
    });
    const { publications } = api.listPublications.responses[200].parse(res.json());
    expect(publications.map((p) => [p.number, p.kind, p.periodEnd])).toEqual([
      [6, "corte", "2024-12-31"],
      [5, "corte", "2024-12-31"],
      [4, "corte", "2024-09-30"],
      [3, "corte", "2024-06-30"],
      [2, "corte", "2024-03-31"],
      [1, "plan", null],
    ]);
    expect(publications[5]?.publishedBy?.name).toBe("Paula Planeación (demo)");
  });

  it("elegir CC BY 4.0 con su acto crea una publicación del plan; retirar el plan lo saca del portal", async () => {
    const chosen = await test.app.inject({
      method: "POST",
      url: `/api/plans/${test.planId}/publish`,
      headers: planner.headers,
      payload: { published: true, license: "CC-BY-4.0", licenseAct: "Resolución 045 de 2025" },
    });
    expect(chosen.json().publication).toMatchObject({
      number: 7,
      kind: "plan",
      supersedes: 1,
      license: { id: "CC-BY-4.0", act: "Resolución 045 de 2025" },
    });
    const plan = await test.app.inject({ method: "GET", url: `${BASE}/plans/${test.planId}` });
    expect(plan.json().license).toMatchObject({ id: "CC-BY-4.0", act: "Resolución 045 de 2025" });
    expect(plan.headers.etag).toBe(`"r1-plan-${test.planId}-7"`);

    await test.app.inject({
      method: "POST",
      url: `/api/plans/${test.planId}/publish`,
      headers: planner.headers,
      payload: { published: false },
    });
    const gone = await test.app.inject({ method: "GET", url: `${BASE}/plans` });
    expect(gone.json()).toMatchObject({ items: [], total: 0 });
    const corte = await test.app.inject({
      method: "GET",
      url: `${BASE}/plans/${test.planId}/cortes/2024-12-31`,
    });
    expect(corte.statusCode).toBe(404);
  });
});

describe("límite de la API pública por cliente", () => {
  it("la consulta 4 en la misma ventana de 3 recibe 429 con Retry-After", async () => {
    const test = await openTestApp(TEST_ENGINES[0] as (typeof TEST_ENGINES)[0], {
      now: () => PUBLISHED_SEED_NOW,
      publicRateLimit: { max: 3, windowMs: 60_000 },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await test.app.inject({ method: "GET", url: `${BASE}/plans` })).statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await test.app.inject({ method: "GET", url: `${BASE}/plans` });
      expect(limited.headers["retry-after"]).toBe("60");
      expect(limited.headers["access-control-allow-origin"]).toBe("*");
      expect(limited.json().error.code).toBe("RATE_LIMITED");
    } finally {
      await test.close();
    }
  });
});
