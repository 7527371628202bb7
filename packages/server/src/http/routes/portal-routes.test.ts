/**
 * The public portal's HTML pages (/publico) on the seed plan as `npm start`
 * leaves it: the plan and its four 2024 cortes published, the 2025 corte open
 * with a report in each state. The pages show the snapshot's numbers in es-CO,
 * carry no cookie, answer 304 on a matching ETag, a 404 page in the shell for
 * what is not published, and nothing of the open corte.
 */
import { createHash } from "node:crypto";
import { api, formatRatioAsPercent } from "@rumbo/core";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cortes, evidenceFiles, reportVersions } from "../../db/schema.ts";
import { openPublishedSeed, PUBLISHED_SEED_NOW } from "../../testing/published-seed.ts";
import { GLOBAL_PLANNER, type TestApp } from "../../testing/test-app.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";

describe.each(TEST_ENGINES)("portal público en HTML ($name)", (engine) => {
  let test: TestApp & { planId: number };
  /** The address of a soporte published by the soportes test (the withdrawal test takes it down). */
  let publishedSoporte = "";

  beforeAll(async () => {
    test = await openPublishedSeed(engine);
  }, 120_000);
  afterAll(async () => {
    await test?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    test.app.inject({ method: "GET", url, headers });

  const corteSnapshot = async (periodEnd: string) =>
    api.getPublicCorte.responses[200].parse(
      (await get(`/api/public/v1/plans/${test.planId}/cortes/${periodEnd}`)).json(),
    );

  it("la página del plan muestra el cumplimiento del plan al 31/12/2024 del resultado publicado, en formato es-CO, dentro del marco GOV.CO", async () => {
    const corte = await corteSnapshot("2024-12-31");
    const compliance = corte.snapshot.result.plan.years["2024"]?.compliance ?? null;
    expect(compliance).toBeCloseTo(0.8423, 4);
    const res = await get(`/publico/planes/${test.planId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["set-cookie"]).toBeUndefined();
    const page = res.body;
    expect(page).toContain('<html lang="es-CO">');
    expect(page).toContain(`<span class="valor">${formatRatioAsPercent(compliance)}</span>`);
    expect(formatRatioAsPercent(compliance)).toBe("84,23%");
    expect(page).toContain("Último corte publicado: 31/12/2024");
    expect(page).toContain('href="https://www.gov.co"');
    expect(page).toContain("Saltar al contenido principal");
    expect(page).toContain(
      '<link rel="alternate" type="application/ld+json" href="/api/public/v1/catalog"',
    );
    expect(page).toContain('<script type="application/ld+json">');
    expect(page).toContain("Indicadores sin reporte");
    expect(page).toContain(
      `/api/public/v1/plans/${test.planId}/open-data?corte=2024-12-31&amp;format=csv-excel`,
    );
    expect(page).toContain("CC BY-SA 4.0");
    expect(page).toContain("Fecha de publicación: <strong>10/12/2025</strong>");
    expect(page).not.toMatch(/<script(?! type="application\/ld\+json")/);
    const jsonLd = JSON.parse(
      /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1] ?? "null",
    );
    expect(jsonLd["@type"]).toBe("Dataset");
    expect(jsonLd.license).toBe("https://creativecommons.org/licenses/by-sa/4.0/deed.es");
  });

  it("la ficha del indicador 2320 al 31/12/2024: meta, avance 9,5 aprobado y «¿Cómo se calculó?» con las líneas del snapshot", async () => {
    const res = await get(`/publico/planes/${test.planId}/cortes/2024-12-31/indicadores/2320`);
    expect(res.statusCode).toBe(200);
    const corte = await corteSnapshot("2024-12-31");
    const explanation = corte.snapshot.explanations.vigencia.indicators.find(
      (e) => e.code === "2320",
    );
    expect(explanation?.lines.length).toBeGreaterThan(0);
    const escaped = (s: string) =>
      s
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&#39;");
    for (const line of explanation?.lines ?? []) expect(res.body).toContain(escaped(line));
    expect(res.body).toContain("¿Cómo se calculó?");
    expect(res.body).toContain("Ficha técnica");
    expect(res.body).toContain("Línea base");
    expect(res.body).toContain("Meta del cuatrienio");
    expect(res.body).toContain("Periodo 2024: 9,50");
    expect(res.body).toContain("Logros");
  });

  it("el corte filtra por objetivo, semáforo y nombre con un formulario GET", async () => {
    const all = await get(`/publico/planes/${test.planId}/cortes/2024-12-31`);
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain("indicadores/2320");
    expect(all.body).toContain("indicadores/2307");
    const found = await get(`/publico/planes/${test.planId}/cortes/2024-12-31?q=2320`);
    expect(found.body).toContain("indicadores/2320");
    expect(found.body).not.toContain("indicadores/2307");
    const search = await get("/publico/buscar?q=2307");
    expect(search.body).toContain(
      `/publico/planes/${test.planId}/cortes/2024-12-31/indicadores/2307`,
    );
  });

  it("ETag y Last-Modified: If-None-Match igual da 304 sin cuerpo; Cache-Control público", async () => {
    const url = `/publico/planes/${test.planId}`;
    const first = await get(url);
    const etag = String(first.headers.etag);
    expect(first.headers["cache-control"]).toBe("public, max-age=300");
    expect(first.headers["last-modified"]).toBe(new Date("2025-12-10T15:00:00Z").toUTCString());
    const again = await get(url, { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const numbered = await get(`/publico/planes/${test.planId}/cortes/2024-12-31?publicacion=5`);
    expect(numbered.headers["cache-control"]).toBe("public, max-age=3600");
    expect(numbered.headers.etag).not.toBe(etag);
  });

  it("lo no publicado es una página 404 en español dentro del marco, también el corte abierto del 31/12/2025", async () => {
    for (const url of [
      "/publico/planes/999",
      `/publico/planes/${test.planId}/cortes/2025-12-31`,
      `/publico/planes/${test.planId}/cortes/2025-12-31/indicadores/2307`,
      `/publico/planes/${test.planId}/cortes/2024-12-31/indicadores/NO-EXISTE`,
      `/publico/planes/${test.planId}/cortes/2024-12-31?publicacion=1`,
      "/publico/no-existe",
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.body).toContain("Página no encontrada");
      expect(res.body).toContain('<html lang="es-CO">');
    }
    expect((await get(`/publico/planes/${test.planId}/cortes/2025-12-31`)).body).toContain(
      "no está publicado",
    );
  });

  it("ninguna página pública muestra algo del corte abierto del 31/12/2025: ni su fecha, ni borradores, ni devoluciones", async () => {
    const urls = [
      "/publico",
      `/publico/planes/${test.planId}`,
      "/publico/mapa-del-sitio",
      "/publico/buscar?q=a",
      "/publico/accesibilidad",
    ];
    for (const periodEnd of ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]) {
      urls.push(`/publico/planes/${test.planId}/cortes/${periodEnd}`);
      for (const code of ["2307", "77", "78", "4074", "4075", "2320"])
        urls.push(`/publico/planes/${test.planId}/cortes/${periodEnd}/indicadores/${code}`);
    }
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["set-cookie"], url).toBeUndefined();
      expect(res.body, url).not.toContain("31/12/2025");
      expect(res.body, url).not.toContain("2025-12-31");
      expect(res.body, url).not.toContain("En la vigencia 2025");
      expect(res.body, url).not.toContain("Adjunte como soporte el informe oficial");
    }
  });

  it("la hoja de estilos propia y la metodología se sirven sin recursos externos", async () => {
    const css = await get("/publico/estilos.css");
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(css.body).toContain("#3366cc");
    expect(css.body).not.toMatch(/@import|url\(/);
    const method = await get("/publico/metodologia");
    expect(method.statusCode).toBe(200);
    expect(method.body).toContain("<h2>1. Qué entra y qué sale</h2>");
    expect(method.body).toContain("<table>");
  });

  it("un soporte de un reporte aprobado y publicado se descarga desde la ficha; el de un reporte enviado o de un corte sin publicar es 404", async () => {
    const db = test.database.db;
    const planner = await test.login("soportes@entidad.gov.co", GLOBAL_PLANNER);
    const file = async (name: string, text: string) => {
      const bytes = Buffer.from(text, "utf8");
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      await db
        .insert(evidenceFiles)
        .values({ sha256, size: bytes.length, mediaType: "text/plain", bytes });
      return { sha256, name, text };
    };
    // The next version of a report of the whole indicator, with one file as soporte.
    const report = async (
      indicator: string,
      period: string,
      status: "aprobado" | "enviado",
      f: { sha256: string; name: string },
    ) => {
      const [latest] = await db
        .select({ version: reportVersions.version })
        .from(reportVersions)
        .where(
          and(
            eq(reportVersions.planId, test.planId),
            eq(reportVersions.indicatorCode, indicator),
            eq(reportVersions.period, period),
            eq(reportVersions.area, ""),
          ),
        )
        .orderBy(desc(reportVersions.version))
        .limit(1);
      await db.insert(reportVersions).values({
        planId: test.planId,
        indicatorCode: indicator,
        period,
        version: (latest?.version ?? 0) + 1,
        action: status === "aprobado" ? "approve" : "submit",
        status,
        value: 10.5,
        evidence: [
          {
            kind: "file",
            sha256: f.sha256,
            fileName: f.name,
            addedAt: PUBLISHED_SEED_NOW.toISOString(),
            addedBy: null,
          },
        ],
        source: "formulario",
        recordedAt: PUBLISHED_SEED_NOW,
      });
    };
    const acta = await file(
      "Acta de entrega 2024.txt",
      "Acta de entrega de la meta 2320, vigencia 2024.",
    );
    const sent = await file("enviado.txt", "Soporte de un reporte enviado, sin aprobar.");
    const open = await file("abierto.txt", "Soporte aprobado del corte abierto de 2025.");
    await report("2320", "2024", "aprobado", acta);
    await report("3979", "2024-Q4", "enviado", sent);
    await report("2320", "2025", "aprobado", open);
    const [december] = await db
      .select({ id: cortes.id })
      .from(cortes)
      .where(and(eq(cortes.planId, test.planId), eq(cortes.periodEnd, "2024-12-31")));
    const published = await test.app.inject({
      method: "POST",
      url: `/api/plans/${test.planId}/cortes/${december?.id}/publish`,
      headers: planner.headers,
    });
    expect(published.statusCode).toBe(200);

    const ficha = await get(`/publico/planes/${test.planId}/cortes/2024-12-31/indicadores/2320`);
    const link = `/publico/soportes/${acta.sha256}`;
    expect(ficha.body).toContain(`<a href="${link}" download>Acta de entrega 2024.txt</a>`);
    publishedSoporte = link;
    const download = await get(link);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe("Acta de entrega de la meta 2320, vigencia 2024.");
    expect(download.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="Acta de entrega 2024.txt"; filename*=UTF-8''Acta%20de%20entrega%202024.txt`,
    );
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
    expect(download.headers.etag).toBe(`"${acta.sha256}"`);
    expect(download.headers["set-cookie"]).toBeUndefined();
    expect((await get(link, { "if-none-match": `"${acta.sha256}"` })).statusCode).toBe(304);

    for (const hidden of [sent, open]) {
      const res = await get(`/publico/soportes/${hidden.sha256}`);
      expect(res.statusCode, hidden.name).toBe(404);
      expect(res.body, hidden.name).toContain(
        "No hay un soporte publicado con esta huella (SHA-256).",
      );
      expect(res.body, hidden.name).not.toContain(hidden.text);
    }
    expect((await get("/publico/soportes/no-es-una-huella")).statusCode).toBe(404);
  });

  // Last: it withdraws the plan. The page kept from the first visit must not outlive a change
  // made by any server process: only the plan's stamp (published, newest number) is read again.
  it("retirar el plan lo saca del portal aunque su página estuviera guardada; volver a publicarlo con CC BY 4.0 la renueva", async () => {
    const planner = await test.login("oap@entidad.gov.co", GLOBAL_PLANNER);
    const publish = (payload: Record<string, unknown>) =>
      test.app.inject({
        method: "POST",
        url: `/api/plans/${test.planId}/publish`,
        headers: planner.headers,
        payload,
      });
    const before = await get(`/publico/planes/${test.planId}`);
    expect(before.body).toContain("CC BY-SA 4.0");
    expect((await get(`/publico/planes/${test.planId}`)).headers.etag).toBe(before.headers.etag);

    expect((await publish({ published: false })).statusCode).toBe(200);
    const withdrawn = await get(`/publico/planes/${test.planId}`, {
      "if-none-match": String(before.headers.etag),
    });
    expect(withdrawn.statusCode).toBe(404);
    expect(withdrawn.body).toContain(`No hay un plan publicado con el número ${test.planId}.`);
    // Its soportes leave the portal with it.
    expect((await get(publishedSoporte)).statusCode).toBe(404);

    const again = await publish({
      published: true,
      license: "CC-BY-4.0",
      licenseAct: "Resolución 045 de 2025",
    });
    expect(again.json().publication).toMatchObject({ number: 7, kind: "plan" });
    const renewed = await get(`/publico/planes/${test.planId}`, {
      "if-none-match": String(before.headers.etag),
    });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.headers.etag).not.toBe(before.headers.etag);
    expect(renewed.body).toContain("CC BY 4.0");
    expect(renewed.body).toContain("Resolución 045 de 2025");
  });
});
