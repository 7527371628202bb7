import { describe, expect, it } from "vitest";
import type { Indicator } from "../plan/plan.ts";
import {
  type AreaShareState,
  checkReportArea,
  indicatorAreasStatus,
  readReportingAreas,
} from "./reporting-areas.ts";

const SALUD = "Secretaría de Salud";
const EDUCACION = "Secretaría de Educación";

function indicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    code: "2320",
    name: "Personas atendidas",
    trend: "suma",
    weight: 100,
    targets: { "2025": 100 },
    reportingAreas: `${SALUD}; ${EDUCACION}`,
    ...overrides,
  };
}

function share(
  area: string,
  value: number | null,
  status: AreaShareState["status"] = "aprobado",
  terms: { numerator?: number; denominator?: number } = {},
): AreaShareState {
  return {
    area,
    status,
    value,
    numerator: terms.numerator ?? null,
    denominator: terms.denominator ?? null,
  };
}

describe("áreas que reportan un indicador", () => {
  it("se leen de la ficha separadas por punto y coma, con su peso después de «=»", () => {
    expect(readReportingAreas(`${SALUD} = 60 ; ${EDUCACION}=40,5`)).toEqual({
      areas: [
        { name: SALUD, weight: 60 },
        { name: EDUCACION, weight: 40.5 },
      ],
      problems: [],
    });
    expect(readReportingAreas(`${SALUD}; secretaria de salud; ${EDUCACION} = mucho`)).toEqual({
      areas: [{ name: SALUD, weight: null }],
      problems: [
        "el área «secretaria de salud» aparece dos veces.",
        `«${EDUCACION} = mucho» no tiene un peso que se entienda (escriba «Área = 40»).`,
      ],
    });
    expect(readReportingAreas(undefined)).toEqual({ areas: [], problems: [] });
  });

  it("un reporte de un indicador con áreas debe nombrar una de ellas, escrita como quiera", () => {
    expect(checkReportArea(indicator(), "secretaria de educacion")).toEqual({
      ok: true,
      area: EDUCACION,
    });
    expect(checkReportArea(indicator(), "")).toEqual({
      ok: false,
      areas: [SALUD, EDUCACION],
      message: `El indicador 2320 lo reportan varias áreas, cada una su parte: indique cuál (área): «${SALUD}», «${EDUCACION}».`,
    });
    expect(checkReportArea(indicator(), "Secretaría de Hacienda")).toMatchObject({
      ok: false,
      message: `«Secretaría de Hacienda» no es un área que reporte el indicador 2320; las áreas son «${SALUD}», «${EDUCACION}».`,
    });
    const whole = indicator({ reportingAreas: undefined });
    expect(checkReportArea(whole, "")).toEqual({ ok: true, area: "" });
    expect(checkReportArea(whole, SALUD)).toMatchObject({ ok: false, areas: [] });
  });
});

describe("el valor del indicador con las partes de sus áreas", () => {
  it("un flujo (tendencia suma) suma las partes de las áreas", () => {
    const status = indicatorAreasStatus(indicator(), [share(SALUD, 30), share(EDUCACION, 12)]);
    expect(status).toEqual({
      rule: "suma",
      shares: [
        { area: SALUD, status: "aprobado", value: 30 },
        { area: EDUCACION, status: "aprobado", value: 12 },
      ],
      reported: [SALUD, EDUCACION],
      pending: [],
      value: 42,
      partial: false,
    });
  });

  it("un acumulado reportado 10 y luego 15 por un área y 7 por otra es 22, no 32", () => {
    const acumulado = indicator({ trend: "creciente", areaRule: "suma" });
    // Primer trimestre: solo Salud reportó 10; el total es parcial.
    const q1 = indicatorAreasStatus(acumulado, [share(SALUD, 10)]);
    expect(q1).toMatchObject({ value: 10, reported: [SALUD], pending: [EDUCACION], partial: true });
    // Segundo trimestre: Salud lleva 15 acumulado y Educación 7.
    const q2 = indicatorAreasStatus(acumulado, [share(SALUD, 15), share(EDUCACION, 7)]);
    expect(q2).toMatchObject({ value: 22, partial: false });
  });

  it("una razón suma numeradores y denominadores, nunca promedia los porcentajes", () => {
    const cobertura = indicator({ trend: "creciente", measure: "razon", unit: "%" });
    const status = indicatorAreasStatus(cobertura, [
      share(SALUD, 90, "aprobado", { numerator: 9, denominator: 10 }),
      share(EDUCACION, 10, "enviado", { numerator: 10, denominator: 100 }),
    ]);
    // 19 / 110 = 17,27 %, no (90 % + 10 %) / 2 = 50 %.
    expect(status?.value).toBeCloseTo((19 / 110) * 100, 10);
  });

  it("un nivel con regla promedio promedia las partes; con promedio ponderado usa los pesos de la ficha", () => {
    const promedio = indicator({ trend: "constante", areaRule: "promedio" });
    expect(indicatorAreasStatus(promedio, [share(SALUD, 80), share(EDUCACION, 60)])?.value).toBe(
      70,
    );
    const ponderado = indicator({
      trend: "constante",
      areaRule: "ponderado",
      reportingAreas: `${SALUD} = 75; ${EDUCACION} = 25`,
    });
    expect(indicatorAreasStatus(ponderado, [share(SALUD, 80), share(EDUCACION, 60)])?.value).toBe(
      75,
    );
  });

  it("mientras un área no envía su parte el total es parcial: un borrador o una devolución no cuentan", () => {
    const status = indicatorAreasStatus(indicator(), [
      share(SALUD, 30, "enviado"),
      share(EDUCACION, 12, "borrador"),
    ]);
    expect(status).toMatchObject({
      shares: [
        { area: SALUD, status: "enviado", value: 30 },
        { area: EDUCACION, status: "borrador", value: 12 },
      ],
      reported: [SALUD],
      pending: [EDUCACION],
      value: 30,
      partial: true,
    });
    expect(indicatorAreasStatus(indicator(), [])).toMatchObject({
      value: null,
      pending: [SALUD, EDUCACION],
      partial: true,
    });
    expect(indicatorAreasStatus(indicator({ reportingAreas: undefined }), [])).toBeNull();
  });
});
