/**
 * Datos abiertos of the published seed plan (downloadOpenData,
 * getPublicCatalog): every file parses back to the engine's numbers of the
 * publication, the package and the catalogue carry the right sizes and
 * checksums, caching works, and nothing of the unpublished corte leaks.
 */
import { createHash } from "node:crypto";
import {
  type CorteSnapshot,
  computeCompliance,
  OPEN_DATA_FIELDS,
  OPEN_DATA_FORMATS,
  type OpenDataFormat,
} from "@rumbo/core";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inflateEntry, readZipEntries } from "../../files/zip-entries.ts";
import { buildOpenDataFiles } from "../../publicacion/open-data-files.ts";
import { openPublishedSeed } from "../../testing/published-seed.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";

type Seed = Awaited<ReturnType<typeof openPublishedSeed>>;

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe.each(TEST_ENGINES)("datos abiertos del plan sembrado publicado sobre $name", (engine) => {
  let seed: Seed;
  let snapshot: CorteSnapshot;
  const files = new Map<OpenDataFormat, Buffer>();
  const url = (format: string, extra = "") =>
    `/api/public/v1/plans/${seed.planId}/open-data?corte=2024-12-31&format=${format}${extra}`;

  beforeAll(async () => {
    seed = await openPublishedSeed(engine);
    const corte = await seed.app.inject({
      method: "GET",
      url: `/api/public/v1/plans/${seed.planId}/cortes/2024-12-31`,
    });
    snapshot = corte.json().snapshot;
    for (const format of OPEN_DATA_FORMATS) {
      const res = await seed.app.inject({ method: "GET", url: url(format) });
      expect(res.statusCode, `${format}: ${res.body.slice(0, 200)}`).toBe(200);
      files.set(format, res.rawPayload);
    }
  }, 180_000);

  afterAll(async () => {
    await seed?.close();
  });

  function file(format: OpenDataFormat): Buffer {
    const data = files.get(format);
    if (!data) throw new Error(`sin ${format}`);
    return data;
  }

  it("the canonical CSV parses back to the approved values, and computing them gives the published compliance", () => {
    const text = file("csv").toString("utf8");
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual(OPEN_DATA_FIELDS.map((f) => f.name));
    const row2307 = records.find((r) => r.indicador_codigo === "2307" && r.periodo === "2024");
    expect(row2307).toMatchObject({ valor: "44", estado: "reportado", meta_vigencia: "46" });
    const actuals = records
      .filter((r) => r.estado === "reportado")
      .map((r) => ({
        indicator: r.indicador_codigo as string,
        period: r.periodo as string,
        value: Number(r.valor),
      }));
    expect(actuals).toHaveLength(snapshot.actuals.length);
    const again = computeCompliance(snapshot.plan, actuals, snapshot.options);
    expect(again.plan.years["2024"]?.compliance).toBe(
      snapshot.result.plan.years["2024"]?.compliance,
    );
    expect(again.indicators).toEqual(snapshot.result.indicators);
    expect(new Set(records.map((r) => r.vigencia))).toEqual(new Set(["2024"]));
    expect(records.filter((r) => r.estado === "pendiente")).toEqual([]);
    expect(records.filter((r) => r.estado === "sin_reporte").length).toBeGreaterThan(0);
  });

  it("the CSV para Excel has a BOM, semicolons and decimal commas, and says the same", () => {
    const text = file("csv-excel").toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records = parse(text.slice(1), { columns: true, delimiter: ";" }) as Record<
      string,
      string
    >[];
    const canonical = parse(file("csv").toString("utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(records).toHaveLength(canonical.length);
    const row77 = records.find((r) => r.indicador_codigo === "77" && r.periodo === "2024");
    expect(row77?.valor).toBe("68,5");
  });

  it("the XLSX holds the same rows with numbers as numbers, and the plan's compliance as the engine gave it", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file("xlsx") as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Datos", "Resultados", "Acerca de"]);
    const data = workbook.getWorksheet("Datos");
    const header = ((data?.getRow(1).values ?? []) as unknown[]).slice(1);
    const valor = header.indexOf("valor") + 1;
    const code = header.indexOf("indicador_codigo") + 1;
    const periodo = header.indexOf("periodo") + 1;
    let found: unknown;
    data?.eachRow((row, n) => {
      if (n > 1 && row.getCell(code).value === "77" && row.getCell(periodo).value === "2024") {
        found = row.getCell(valor).value;
      }
    });
    expect(found).toBe(68.5);
    const results = workbook.getWorksheet("Resultados");
    expect(results?.getRow(2).getCell(1).value).toBe("plan");
    expect(results?.getRow(2).getCell(4).value).toBe(
      snapshot.result.plan.years["2024"]?.compliance,
    );
    const about = workbook.getWorksheet("Acerca de");
    const texts: string[] = [];
    about?.eachRow((row) => texts.push(String(row.getCell(2).value)));
    expect(texts.join(" ")).toContain("CC BY-SA 4.0");
  });

  it("the JSON carries the plan, the actuals and the result of the publication", () => {
    const json = JSON.parse(file("json").toString("utf8"));
    expect(json.format).toBe("rumbo.opendata/v1");
    expect(json.plan.format).toBe("rumbo.plan/v1");
    expect(json.result.format).toBe("rumbo.result/v1");
    expect(json.actuals).toEqual(snapshot.actuals);
    expect(json.result.plan).toEqual(snapshot.result.plan);
    expect(json.licencia.id).toBe("CC-BY-SA-4.0");
  });

  it("the datapackage lists every file with its size and SHA-256, and the ZIP holds exactly those bytes", () => {
    const pkg = JSON.parse(file("datapackage").toString("utf8"));
    expect(pkg.profile).toBe("tabular-data-package");
    const byFormat: Record<string, OpenDataFormat> = {
      csv: "csv",
      "csv-excel": "csv-excel",
      xlsx: "xlsx",
      json: "json",
    };
    for (const resource of pkg.resources as { name: string; bytes: number; hash: string }[]) {
      const suffix = resource.name.endsWith("-csv-excel")
        ? "csv-excel"
        : (resource.name.match(/-(xlsx|json)$/)?.[1] ?? "csv");
      const data = file(byFormat[suffix] as OpenDataFormat);
      expect(resource.bytes).toBe(data.length);
      expect(resource.hash).toBe(`sha256:${sha256(data)}`);
    }
    const zip = file("zip");
    const entries = readZipEntries(zip);
    const names = entries.map((e) => e.name);
    expect(names).toHaveLength(6);
    const inner = JSON.parse(
      inflateEntry(
        zip,
        entries.find((e) => e.name === "datapackage.json") as never,
        5_000_000,
      ).toString("utf8"),
    );
    expect(names.sort()).toEqual(
      [
        "LICENCIA.txt",
        "datapackage.json",
        ...inner.resources.map((r: { path: string }) => r.path),
      ].sort(),
    );
    expect(inner.resources.map((r: { hash: string }) => r.hash)).toEqual(
      pkg.resources.map((r: { hash: string }) => r.hash),
    );
    for (const entry of entries) {
      const inside = inflateEntry(zip, entry, 50_000_000);
      if (entry.name.endsWith(".xlsx")) expect(sha256(inside)).toBe(sha256(file("xlsx")));
      if (entry.name.endsWith("-excel.csv")) expect(sha256(inside)).toBe(sha256(file("csv-excel")));
      if (entry.name === "LICENCIA.txt") expect(inside.toString("utf8")).toContain("CC BY-SA 4.0");
    }
  });

  it("the catalogue lists the plan as a series and each published 2024 corte as a dataset, with each file's real size and checksum", async () => {
    const res = await seed.app.inject({ method: "GET", url: "/api/public/v1/catalog" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/ld\+json/);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    const catalog = res.json();
    expect(catalog["@type"]).toBe("dcat:Catalog");
    const datasets = catalog["dcat:dataset"] as Record<string, unknown>[];
    expect(datasets.filter((d) => d["@type"] === "dcat:DatasetSeries")).toHaveLength(1);
    const cortes = datasets.filter((d) => d["@type"] === "dcat:Dataset");
    type Temporal = { "dcat:endDate": { "@value": string } };
    expect(cortes.map((d) => (d["dct:temporal"] as Temporal)["dcat:endDate"]["@value"])).toEqual([
      "2024-03-31",
      "2024-06-30",
      "2024-09-30",
      "2024-12-31",
    ]);
    const december = cortes[3] as Record<string, unknown>;
    type Distribution = {
      "dcat:downloadURL": { "@id": string };
      "spdx:checksum": { "spdx:checksumValue": string };
      "dcat:byteSize": { "@value": string };
    };
    const distributions = december["dcat:distribution"] as Distribution[];
    expect(distributions).toHaveLength(OPEN_DATA_FORMATS.length);
    for (const d of distributions) {
      const format = new URL(d["dcat:downloadURL"]["@id"]).searchParams.get("format");
      const data = file(format as OpenDataFormat);
      expect(d["spdx:checksum"]["spdx:checksumValue"]).toBe(sha256(data));
      expect(d["dcat:byteSize"]["@value"]).toBe(String(data.length));
    }
  });

  it("a file asked again with its ETag is 304, HEAD answers headers only, and a numbered publication is kept an hour", async () => {
    const first = await seed.app.inject({ method: "GET", url: url("csv") });
    expect(first.headers["content-disposition"]).toMatch(/^attachment; filename=".+\.csv"$/);
    expect(first.headers["cache-control"]).toBe("public, max-age=300");
    const again = await seed.app.inject({
      method: "GET",
      url: url("csv"),
      headers: { "if-none-match": String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const head = await seed.app.inject({ method: "HEAD", url: url("xlsx") });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe("");
    const numbered = await seed.app.inject({ method: "GET", url: url("csv", "&publication=5") });
    expect(numbered.headers["cache-control"]).toBe("public, max-age=3600");
    expect(numbered.rawPayload.equals(file("csv"))).toBe(true);
    expect(first.headers["set-cookie"]).toBeUndefined();
  });

  it("an unpublished corte, an unknown format or a corte of another plan are refused in Spanish", async () => {
    const open = await seed.app.inject({
      method: "GET",
      url: `/api/public/v1/plans/${seed.planId}/open-data?corte=2025-12-31&format=csv`,
    });
    expect(open.statusCode).toBe(404);
    expect(open.json().error.message).toContain("no está publicado");
    const bad = await seed.app.inject({ method: "GET", url: url("pdf") });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain(
      "format debe ser csv, csv-excel, xlsx, json, zip o datapackage",
    );
    const post = await seed.app.inject({ method: "POST", url: url("csv") });
    expect(post.statusCode).toBe(405);
  });

  it("nothing of the open 2025 corte reaches any file or the catalogue", async () => {
    const catalog = await seed.app.inject({ method: "GET", url: "/api/public/v1/catalog" });
    expect(catalog.body).not.toContain("2025-12-31");
    const canonical = parse(file("csv").toString("utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(canonical.filter((r) => r.vigencia === "2025" && r.estado !== "pendiente")).toEqual(
      canonical.filter((r) => r.vigencia === "2025" && r.estado === "no_programado"),
    );
    const json = JSON.parse(file("json").toString("utf8"));
    const periods = [
      ...json.actuals.map((a: { period: string }) => a.period),
      ...json.reports.map((r: { period: string }) => r.period),
    ];
    expect(periods.filter((p: string) => !p.startsWith("2024"))).toEqual([]);
  });

  it("building the files again, later, gives the same bytes: another server process publishes the same checksums", async () => {
    const publication = { number: 5, publishedAt: new Date("2025-01-21T15:00:00Z") };
    const urls = { file: (f: string) => `https://x.gov.co/${f}`, page: "https://x.gov.co/" };
    const first = await buildOpenDataFiles(snapshot, publication, urls);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const second = await buildOpenDataFiles(snapshot, publication, urls);
    for (const format of OPEN_DATA_FORMATS) {
      expect(second[format].sha256, format).toBe(first[format].sha256);
    }
  });

  it("at the corte of 30/09/2024 the fourth quarter and the year are still pendientes", async () => {
    const res = await seed.app.inject({
      method: "GET",
      url: `/api/public/v1/plans/${seed.planId}/open-data?corte=2024-09-30&format=csv`,
    });
    const records = parse(res.body, { columns: true }) as Record<string, string>[];
    const pending = records.filter((r) => r.estado === "pendiente");
    expect(pending.length).toBeGreaterThan(0);
    for (const r of pending) expect((r.fecha_fin ?? "") > "2024-09-30", r.periodo).toBe(true);
    expect(records.find((r) => r.indicador_codigo === "2307" && r.periodo === "2024")?.estado).toBe(
      "pendiente",
    );
  });
});
