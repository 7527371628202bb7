import { describe, expect, it } from "vitest";
import { computeCompliance } from "../compliance/compute.ts";
import { SEED_ACTUALS_2024_CSV } from "../compliance/fixtures/seed-actuals-2024.ts";
import { SEED_PLAN } from "../compliance/fixtures/seed-plan.ts";
import { readActualsCsv } from "../formats/actuals-csv.ts";
import { publicationLicense } from "./license.ts";
import { openDataActuals, openDataCsv, openDataRows } from "./open-data.ts";
import { dataPackage, dcatCatalog, openDataBaseName } from "./open-data-package.ts";
import {
  buildCorteSnapshot,
  buildPlanSnapshot,
  type CorteSnapshot,
} from "./publication-snapshot.ts";

const read = readActualsCsv(SEED_ACTUALS_2024_CSV, "seed.csv", SEED_PLAN);
if (!read.ok) throw new Error("the seed actuals read");

const EMPTY_ANALYSIS = { achievements: "", difficulties: "", actions: "", benefits: "" };

function seedCorte(without: string | null = null): CorteSnapshot {
  return buildCorteSnapshot({
    plan: SEED_PLAN,
    planVersion: 1,
    license: publicationLicense("CC-BY-SA-4.0", "Resolución 045 de 2024"),
    corte: {
      periodEnd: "2024-12-31",
      opensOn: "2025-01-01",
      dueOn: "2025-01-10",
      closesOn: "2025-01-20",
      closedOn: "2025-01-20",
    },
    reports: read.ok
      ? read.actuals
          .filter((a) => a.indicator !== without)
          .map((a) => ({
            indicator: a.indicator,
            period: a.period,
            area: "",
            status: "aprobado" as const,
            value: a.value,
            numerator: null,
            denominator: null,
            analysis: EMPTY_ANALYSIS,
            warningExplanations: {},
            approvedOn: a.period.endsWith("Q1") ? "2024-04-10" : "2025-01-12",
            evidence: [],
          }))
      : [],
    previous: null,
    reprogramaciones: [],
  });
}

describe("datos abiertos de un corte publicado", () => {
  const snapshot = seedCorte();
  const rows = openDataRows(snapshot, 5);

  it("meta 2307 has one annual row at the corte of 31/12/2024, reported, and none for later vigencias", () => {
    const of2307 = rows.filter((r) => r.indicador_codigo === "2307");
    expect(of2307.map((r) => [r.periodo, r.estado, r.valor])).toEqual([["2024", "reportado", 44]]);
    expect(of2307[0]).toMatchObject({
      plan_codigo: "PES-GP-2024-2027",
      corte: "2024-12-31",
      publicacion: 5,
      objetivo_codigo: "1",
      vigencia: 2024,
      fecha_inicio: "2024-01-01",
      fecha_fin: "2024-12-31",
      fecha_aprobacion: "2025-01-12",
    });
  });

  it("meta 3979 reported by quarter keeps four quarter rows in 2024, each with its dates", () => {
    const quarters = rows.filter((r) => r.indicador_codigo === "3979" && r.vigencia === 2024);
    expect(quarters.map((r) => [r.periodo, r.fecha_inicio, r.fecha_fin, r.valor])).toEqual([
      ["2024-Q1", "2024-01-01", "2024-03-31", 5],
      ["2024-Q2", "2024-04-01", "2024-06-30", 8],
      ["2024-Q3", "2024-07-01", "2024-09-30", 12],
      ["2024-Q4", "2024-10-01", "2024-12-31", 15],
    ]);
    expect(quarters[0]?.fecha_aprobacion).toBe("2024-04-10");
  });

  it("meta 78, no programada in 2024, shows its reported value with no meta de la vigencia", () => {
    const row = rows.find((r) => r.indicador_codigo === "78" && r.periodo === "2024");
    expect(row).toMatchObject({ meta_vigencia: null, valor: 85.3, estado: "reportado" });
  });

  it("a programmed 2024 meta without an approved value is sin_reporte, and an NP year is no_programado", () => {
    const states = new Set(rows.filter((r) => r.vigencia === 2024).map((r) => r.estado));
    expect(states).toContain("sin_reporte");
    // Meta 78 is NP in 2024: without its report, its row says so.
    const without78 = openDataRows(seedCorte("78"), 5);
    expect(without78.find((r) => r.indicador_codigo === "78")).toMatchObject({
      periodo: "2024",
      estado: "no_programado",
      meta_vigencia: null,
      valor: null,
    });
  });

  it("the values in the rows are the engine's actuals: computing them again gives the published result", () => {
    const again = computeCompliance(SEED_PLAN, openDataActuals(rows), snapshot.options);
    expect(again.plan).toEqual(snapshot.result.plan);
    expect(again.indicators).toEqual(snapshot.result.indicators);
  });

  it("the canonical CSV is RFC 4180 with a dot decimal; the Excel one has a BOM, semicolons and a decimal comma", () => {
    const canonical = openDataCsv(rows, "canonical");
    const excel = openDataCsv(rows, "excel");
    expect(canonical.startsWith("plan_codigo,plan_nombre,corte,")).toBe(true);
    expect(canonical).toContain(",85.3,reportado,");
    expect(canonical.split("\r\n")).toHaveLength(rows.length + 2);
    expect(excel.startsWith("\uFEFFplan_codigo;plan_nombre;corte;")).toBe(true);
    expect(excel).toContain(";85,3;reportado;");
  });

  it("a text that starts like a formula is neutralised in the Excel CSV and kept as published in the canonical one", () => {
    const [first] = rows;
    if (!first) throw new Error("rows");
    const hostile = [{ ...first, indicador_nombre: '=HYPERLINK("http://x","y")' }];
    expect(openDataCsv(hostile, "excel")).toContain(`;"'=HYPERLINK(""http://x"",""y"")";`);
    expect(openDataCsv(hostile, "canonical")).toContain(`,"=HYPERLINK(""http://x"",""y"")",`);
  });

  it("the datapackage describes both CSVs with a Table Schema, the licence and a SHA-256 per file", () => {
    const file = (path: string) => ({ path, bytes: 10, sha256: "a".repeat(64) });
    const pkg = dataPackage({
      snapshot,
      publication: { number: 5, publishedAt: "2025-01-21T15:00:00.000Z" },
      files: {
        csv: file("x.csv"),
        "csv-excel": file("x-excel.csv"),
        xlsx: file("x.xlsx"),
        json: file("x.json"),
      },
    });
    expect(pkg.name).toBe("pes-gp-2024-2027-corte-2024-12-31-publicacion-5");
    expect(pkg.licenses).toEqual([
      {
        name: "CC-BY-SA-4.0",
        path: "https://creativecommons.org/licenses/by-sa/4.0/deed.es",
        title: "Creative Commons Atribución-CompartirIgual 4.0 Internacional (CC BY-SA 4.0)",
      },
    ]);
    const [csv, excel] = pkg.resources;
    expect(csv?.schema?.primaryKey).toEqual(["indicador_codigo", "periodo"]);
    expect(csv?.dialect?.delimiter).toBe(",");
    expect(excel?.dialect?.delimiter).toBe(";");
    expect(excel?.schema?.fields.find((f) => f.name === "valor")?.decimalChar).toBe(",");
    expect(pkg.resources.every((r) => r.hash === `sha256:${"a".repeat(64)}`)).toBe(true);
  });

  it("the catalogue puts each corte in its plan's dataset series, with checksum, size and licence per file", () => {
    const catalog = dcatCatalog(
      {
        baseUrl: "https://rumbo.example.gov.co",
        entity: "Secretaría General",
        contactEmail: "datos@example.gov.co",
        coverage: "Bogotá D.C.",
        category: "Función pública",
      },
      [
        {
          planId: 1,
          snapshot: buildPlanSnapshot({
            plan: SEED_PLAN,
            planVersion: 1,
            status: "vigente",
            license: snapshot.license,
            reprogramaciones: [],
          }),
          publishedAt: "2024-02-01T12:00:00.000Z",
          updatedAt: "2025-01-21T15:00:00.000Z",
          pageUrl: "https://rumbo.example.gov.co/publico/planes/1",
          cortes: [
            {
              snapshot,
              number: 5,
              publishedAt: "2025-01-21T15:00:00.000Z",
              pageUrl: "https://rumbo.example.gov.co/publico/planes/1/cortes/2024-12-31",
              distributions: [
                {
                  format: "csv",
                  url: "https://rumbo.example.gov.co/api/public/v1/plans/1/open-data?corte=2024-12-31&format=csv",
                  bytes: 1234,
                  sha256: "b".repeat(64),
                },
              ],
            },
          ],
        },
      ],
    ) as { "dcat:dataset": Record<string, unknown>[] };
    const [series, dataset] = catalog["dcat:dataset"];
    expect(series?.["@type"]).toBe("dcat:DatasetSeries");
    expect(dataset?.["dcat:inSeries"]).toEqual({ "@id": `${series?.["@id"]}` });
    const [distribution] = (dataset?.["dcat:distribution"] ?? []) as Record<string, unknown>[];
    expect(distribution?.["spdx:checksum"]).toMatchObject({ "spdx:checksumValue": "b".repeat(64) });
    expect(distribution?.["dcat:byteSize"]).toEqual({
      "@value": "1234",
      "@type": "xsd:nonNegativeInteger",
    });
    expect(distribution?.["dct:license"]).toEqual({
      "@id": "https://creativecommons.org/licenses/by-sa/4.0/deed.es",
    });
    expect(series?.["rumbo:datosGovCo"]).toMatchObject({
      coberturaGeografica: "Bogotá D.C.",
      idioma: "Español",
      actoDeAdopcionDeLaLicencia: "Resolución 045 de 2024",
    });
  });

  it("file names are safe whatever the plan code says", () => {
    expect(openDataBaseName("Plan Acción/Área 1", "2024-12-31", 2)).toBe(
      "plan-accion-area-1-corte-2024-12-31-publicacion-2",
    );
  });
});
