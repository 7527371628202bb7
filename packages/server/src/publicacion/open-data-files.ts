/**
 * The files of a published corte's datos abiertos (ADR 0016): the canonical
 * CSV, the CSV para Excel, the XLSX, the JSON, the datapackage.json and a ZIP
 * of all with the licence. Built from the stored snapshot only, byte for byte
 * the same on every build (fixed dates), so the SHA-256 the catalogue
 * publishes holds for every server process; built once per publication and
 * kept in memory (a publication never changes).
 */
import { createHash } from "node:crypto";
import {
  type CorteSnapshot,
  dataPackage,
  OPEN_DATA_FIELDS,
  OPEN_DATA_FILE_KINDS,
  type OpenDataFormat,
  type OpenDataRow,
  openDataBaseName,
  openDataCsv,
  openDataFileName,
  openDataJson,
  openDataRows,
  PACKAGED_FORMATS,
  type PackagedFile,
  type PackagedFormat,
} from "@rumbo/core";
import type ExcelJS from "exceljs";
import { inflateEntry, readZipEntries } from "../files/zip-entries.ts";
import { zipArchive } from "../files/zip-writer.ts";

/** No part of an open-data workbook comes near this (the seed's largest is about 100 KB). */
const MAX_WORKBOOK_PART = 512 * 1024 * 1024;

export type OpenDataFile = {
  fileName: string;
  mediaType: string;
  data: Buffer;
  sha256: string;
};

export type OpenDataFiles = Record<OpenDataFormat, OpenDataFile>;

export type OpenDataPublication = { number: number; publishedAt: Date };

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function file(fileName: string, format: OpenDataFormat, data: Buffer): OpenDataFile {
  return {
    fileName,
    mediaType: OPEN_DATA_FILE_KINDS[format].mediaType,
    data,
    sha256: sha256(data),
  };
}

const PERCENT = "0.00%";
const NUMBER = "#,##0.########";
const DATE = "dd/mm/yyyy";

/** An ISO day as the UTC midnight Excel shows as that day. */
function excelDate(iso: string | null): Date | null {
  return iso === null ? null : new Date(`${iso}T00:00:00.000Z`);
}

async function workbookOf(
  snapshot: CorteSnapshot,
  rows: readonly OpenDataRow[],
  publication: OpenDataPublication,
): Promise<Buffer> {
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  workbook.creator = snapshot.plan.entity ?? "Rumbo";
  workbook.lastModifiedBy = "Rumbo";
  workbook.created = publication.publishedAt;
  workbook.modified = publication.publishedAt;
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
  };

  const data = workbook.addWorksheet("Datos", { views: [{ state: "frozen", ySplit: 1 }] });
  data.columns = OPEN_DATA_FIELDS.map((f) => ({
    header: f.name,
    key: f.name,
    width: Math.min(Math.max(f.name.length + 2, 12), 40),
    style:
      f.type === "number"
        ? { numFmt: NUMBER }
        : f.type === "date"
          ? { numFmt: DATE }
          : f.type === "integer"
            ? { numFmt: "0" }
            : {},
  }));
  bold(data.getRow(1));
  for (const row of rows) {
    data.addRow(
      Object.fromEntries(
        OPEN_DATA_FIELDS.map((f) => [
          f.name,
          f.type === "date" ? excelDate(row[f.name] as string | null) : row[f.name],
        ]),
      ),
    );
  }

  const results = workbook.addWorksheet("Resultados", { views: [{ state: "frozen", ySplit: 1 }] });
  const year = String(snapshot.vigencia);
  results.columns = [
    { header: "nivel", key: "nivel", width: 12 },
    { header: "codigo", key: "codigo", width: 12 },
    { header: "nombre", key: "nombre", width: 60 },
    { header: `cumplimiento_vigencia_${year}`, key: "cv", width: 18, style: { numFmt: PERCENT } },
    { header: `estado_vigencia_${year}`, key: "ev", width: 16 },
    { header: "cumplimiento_cuatrienio", key: "cc", width: 18, style: { numFmt: PERCENT } },
    { header: "avance_cuatrienio", key: "ac", width: 16, style: { numFmt: PERCENT } },
    { header: "estado_cuatrienio", key: "ec", width: 16 },
  ];
  bold(results.getRow(1));
  const { result, plan } = snapshot;
  results.addRow({
    nivel: "plan",
    codigo: plan.code,
    nombre: plan.name,
    cv: result.plan.years[year]?.compliance ?? null,
    ev: result.plan.years[year]?.status ?? null,
    cc: result.plan.period.compliance,
    ac: result.plan.period.progress,
    ec: result.plan.period.status,
  });
  for (const objective of plan.objectives) {
    const cells = result.objectives.find((o) => o.code === objective.code);
    results.addRow({
      nivel: "objetivo",
      codigo: objective.code,
      nombre: objective.name,
      cv: cells?.years[year]?.compliance ?? null,
      ev: cells?.years[year]?.status ?? null,
      cc: cells?.period.compliance ?? null,
      ac: cells?.period.progress ?? null,
      ec: cells?.period.status ?? null,
    });
    for (const indicator of objective.indicators) {
      const own = result.indicators.find((i) => i.code === indicator.code);
      results.addRow({
        nivel: "indicador",
        codigo: indicator.code,
        nombre: indicator.name,
        cv: own?.years[year]?.compliance ?? null,
        ev: own?.years[year]?.status ?? null,
        cc: own?.period.compliance ?? null,
        ac: own?.period.progress ?? null,
        ec: own?.period.status ?? null,
      });
    }
  }

  const about = workbook.addWorksheet("Acerca de");
  about.columns = [
    { key: "a", width: 28 },
    { key: "b", width: 90 },
  ];
  const shown = snapshot.corte.periodEnd.split("-").reverse().join("/");
  for (const [label, value] of [
    ["Plan", `${plan.code} — ${plan.name}`],
    ["Entidad", plan.entity ?? ""],
    ["Corte", shown],
    ["Publicación", `número ${publication.number}`],
    [
      "Publicado el",
      publication.publishedAt.toISOString().slice(0, 10).split("-").reverse().join("/"),
    ],
    ["Licencia", snapshot.license.name],
    ["Texto de la licencia", snapshot.license.url],
    ["Acto que adoptó la licencia", snapshot.license.act ?? "—"],
    [
      "Qué contiene",
      "Datos: una fila por indicador y periodo con la meta de la vigencia, el valor aprobado y su estado. Resultados: cumplimiento del plan, de cada objetivo y de cada indicador calculado por Rumbo al corte.",
    ],
  ] as const) {
    const row = about.addRow({ a: label, b: value });
    row.getCell(1).font = { bold: true };
  }
  about.addRow({});
  bold(about.addRow({ a: "Columna de Datos", b: "Descripción" }));
  for (const f of OPEN_DATA_FIELDS) about.addRow({ a: f.name, b: `${f.title}. ${f.description}` });
  return sameBytesEveryTime(
    Buffer.from(await workbook.xlsx.writeBuffer()),
    publication.publishedAt,
  );
}

/**
 * exceljs stamps each part of the workbook's zip with the time of writing;
 * written again with the publication's date, the same workbook is the same
 * bytes on every build, and its published checksum holds.
 */
function sameBytesEveryTime(xlsx: Buffer, date: Date): Buffer {
  const parts = readZipEntries(xlsx).map((entry) => ({
    name: entry.name,
    data: inflateEntry(xlsx, entry, MAX_WORKBOOK_PART),
  }));
  return zipArchive(parts, date);
}

/** Where the standalone datapackage.json points each file (absolute download addresses). */
export type OpenDataUrls = { file: (format: OpenDataFormat) => string; page: string };

/** Every file of one publication of a corte. */
export async function buildOpenDataFiles(
  snapshot: CorteSnapshot,
  publication: OpenDataPublication,
  urls: OpenDataUrls,
): Promise<OpenDataFiles> {
  const rows = openDataRows(snapshot, publication.number);
  const base = openDataBaseName(snapshot.plan.code, snapshot.corte.periodEnd, publication.number);
  const name = (format: OpenDataFormat) => openDataFileName(base, format);
  const csv = file(name("csv"), "csv", Buffer.from(openDataCsv(rows, "canonical"), "utf8"));
  const excel = file(
    name("csv-excel"),
    "csv-excel",
    Buffer.from(openDataCsv(rows, "excel"), "utf8"),
  );
  const xlsx = file(name("xlsx"), "xlsx", await workbookOf(snapshot, rows, publication));
  const json = file(
    name("json"),
    "json",
    Buffer.from(
      `${JSON.stringify(
        openDataJson(snapshot, {
          number: publication.number,
          publishedAt: publication.publishedAt.toISOString(),
        }),
        null,
        2,
      )}\n`,
      "utf8",
    ),
  );
  const packaged: Record<PackagedFormat, OpenDataFile> = {
    csv,
    "csv-excel": excel,
    xlsx,
    json,
  };
  const describe = (path: (format: PackagedFormat) => string) =>
    Buffer.from(
      `${JSON.stringify(
        dataPackage({
          snapshot,
          publication: {
            number: publication.number,
            publishedAt: publication.publishedAt.toISOString(),
          },
          files: Object.fromEntries(
            PACKAGED_FORMATS.map((f): [PackagedFormat, PackagedFile] => [
              f,
              { path: path(f), bytes: packaged[f].data.length, sha256: packaged[f].sha256 },
            ]),
          ) as Record<PackagedFormat, PackagedFile>,
          sourceUrl: urls.page,
        }),
        null,
        2,
      )}\n`,
      "utf8",
    );
  const licence = Buffer.from(
    [
      `${snapshot.plan.name} — datos con corte al ${snapshot.corte.periodEnd.split("-").reverse().join("/")}, publicación ${publication.number}.`,
      "",
      `Licencia: ${snapshot.license.name}`,
      `Texto de la licencia: ${snapshot.license.url}`,
      `Acto que la adoptó: ${snapshot.license.act ?? "no indicado"}`,
      "",
      `Fuente: ${urls.page}`,
      "",
    ].join("\r\n"),
    "utf8",
  );
  const zip = file(
    name("zip"),
    "zip",
    zipArchive(
      [
        ...PACKAGED_FORMATS.map((f) => ({ name: packaged[f].fileName, data: packaged[f].data })),
        { name: "datapackage.json", data: describe((f) => packaged[f].fileName) },
        { name: "LICENCIA.txt", data: licence },
      ],
      publication.publishedAt,
    ),
  );
  const datapackage = file(
    `${base}-datapackage.json`,
    "datapackage",
    describe((f) => urls.file(f)),
  );
  return { ...packaged, zip, datapackage };
}
