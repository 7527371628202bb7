/// <reference path="./svg-to-pdfkit.d.ts" />
/**
 * The informe de seguimiento as a file: PDF (pdfkit, the standard Helvetica
 * fonts, no browser), XLSX (exceljs: numbers as numbers with es-CO formats,
 * one sheet per section) and CSV (long format, `;` and decimal comma as the
 * Spanish-locale CSV of formats.md §2). They only lay out core's InformeModel.
 */
import {
  ALERT_KIND_LABELS,
  bogotaInstant,
  type ComplianceBar,
  complianceBarsChart,
  INFORME_ANALYSIS_LABELS,
  type InformeCell,
  type InformeFormat,
  type InformeModel,
  informeNumber,
  informePercent,
  informeRows,
  isoDay,
} from "@rumbo/core";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import { neutraliseFormula } from "../files/csv-writer.ts";
import { chartSvg } from "./informe-chart-svg.ts";

export async function writeInforme(model: InformeModel, format: InformeFormat): Promise<Buffer> {
  switch (format) {
    case "pdf":
      return informePdf(model);
    case "xlsx":
      return informeXlsx(model);
    case "csv":
      return informeCsv(model);
  }
}

export function informeFileName(model: InformeModel, format: InformeFormat): string {
  const code = model.plan.code.replace(/[^A-Za-z0-9._-]+/g, "_");
  return `informe-${code}-corte-${model.asOf}.${format}`;
}

// ---------------------------------------------------------------- PDF

const COLORS = { verde: "#1b7f3b", amarillo: "#b88a00", rojo: "#b3261e" } as const;
const GREY = "#6b6b6b";

// The standard fonts speak WinAnsi: keep Latin-1 and the few extra signs it has.
const WIN_ANSI_EXTRA = new Set([..."€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"]);
function winAnsi(text: string): string {
  return [...text.replace(/\u2212/g, "-")]
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code === 10 || (code >= 32 && code <= 255) || WIN_ANSI_EXTRA.has(ch) ? ch : "?";
    })
    .join("");
}

function cellText(cell: InformeCell): string {
  return cell.compliance === null
    ? cell.statusLabel
    : `${informePercent(cell.compliance)} — ${cell.statusLabel}`;
}

type Column = { title: string; width: number; align?: "left" | "right" };

async function informePdf(model: InformeModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "LETTER",
    margins: { top: 56, bottom: 56, left: 50, right: 50 },
    bufferPages: true,
    info: {
      Title: `${model.title} — ${model.plan.name}`,
      Author: "Rumbo",
      Subject: "Informe de seguimiento",
      CreationDate: new Date(model.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const text = (value: string, options?: PDFKit.Mixins.TextOptions) =>
    doc.text(winAnsi(value), options);
  const heading = (value: string, size = 15) => {
    if (doc.y > bottom() - 60) doc.addPage();
    doc.moveDown(0.6).font("Helvetica-Bold").fontSize(size).fillColor("black");
    text(value, { width });
    doc.moveDown(0.3).font("Helvetica").fontSize(10);
  };
  const semaforoLine = (label: string, cell: InformeCell) => {
    const y = doc.y;
    if (cell.semaforo) {
      doc.circle(left + 5, y + 6, 5).fill(COLORS[cell.semaforo]);
    } else {
      doc
        .circle(left + 5, y + 6, 4.5)
        .lineWidth(1)
        .stroke(GREY);
    }
    doc.fillColor("black").font("Helvetica").fontSize(11);
    doc.text(winAnsi(`${label}: ${cellText(cell)}`), left + 16, y, { width: width - 16 });
    doc.x = left;
    doc.y = Math.max(doc.y, y + 14);
  };
  const table = (columns: Column[], rows: Array<Array<{ text: string; color?: string }>>) => {
    const drawHeader = () => {
      doc.font("Helvetica-Bold").fontSize(8.5).fillColor("black");
      const height = Math.max(
        ...columns.map((c) => doc.heightOfString(winAnsi(c.title), { width: c.width - 6 })),
      );
      let x = left;
      const y = doc.y;
      doc.rect(left, y - 2, width, height + 6).fill("#eeeeee");
      doc.fillColor("black");
      for (const c of columns) {
        doc.text(winAnsi(c.title), x + 3, y, { width: c.width - 6, align: c.align ?? "left" });
        x += c.width;
      }
      doc.x = left;
      doc.y = y + height + 6;
    };
    drawHeader();
    doc.font("Helvetica").fontSize(8.5);
    for (const row of rows) {
      const height = Math.max(
        ...row.map((cell, i) =>
          doc.heightOfString(winAnsi(cell.text), { width: (columns[i]?.width ?? 40) - 6 }),
        ),
      );
      if (doc.y + height + 4 > bottom()) {
        doc.addPage();
        drawHeader();
        doc.font("Helvetica").fontSize(8.5);
      }
      const y = doc.y;
      let x = left;
      row.forEach((cell, i) => {
        const column = columns[i];
        if (!column) return;
        doc.fillColor(cell.color ?? "black");
        doc.text(winAnsi(cell.text), x + 3, y, {
          width: column.width - 6,
          align: column.align ?? "left",
        });
        x += column.width;
      });
      doc.fillColor("black");
      doc
        .moveTo(left, y + height + 2)
        .lineTo(left + width, y + height + 2)
        .lineWidth(0.3)
        .stroke("#cccccc");
      doc.x = left;
      doc.y = y + height + 4;
    }
    doc.moveDown(0.5);
  };
  const semaforoCell = (cell: InformeCell) => ({
    text: cell.statusLabel,
    ...(cell.semaforo ? { color: COLORS[cell.semaforo] } : {}),
  });

  // A chart (ECharts SSR → SVG → PDF vectors) with its summary in words below it.
  const chart = (title: string, bars: ComplianceBar[]) => {
    if (bars.length === 0) return;
    const definition = complianceBarsChart(title, bars, model.thresholds);
    const height = Math.min(60 + bars.length * 26, 420);
    if (doc.y + height + 40 > bottom()) doc.addPage();
    const y = doc.y;
    SVGtoPDF(doc, chartSvg(definition, width, height), left, y, { width, height, assumePt: true });
    doc.x = left;
    doc.y = y + height + 4;
    doc.font("Helvetica").fontSize(8).fillColor(GREY);
    text(definition.summary, { width });
    doc.fillColor("black").fontSize(10).moveDown(0.5);
  };

  // Cover.
  doc.moveDown(6).font("Helvetica-Bold").fontSize(22);
  text("Informe de seguimiento", { width, align: "center" });
  doc.moveDown(0.5).fontSize(16);
  text(model.plan.name, { width, align: "center" });
  doc.moveDown(0.3).font("Helvetica").fontSize(12).fillColor(GREY);
  text(`Código del plan: ${model.plan.code}`, { width, align: "center" });
  doc.moveDown(3).fillColor("black").fontSize(12);
  const coverLines = [
    `Corte: ${isoDay(model.asOf)} (vigencia ${model.year})`,
    `Estado del corte: ${model.corte.closedAt ? `cerrado el ${bogotaInstant(model.corte.closedAt)}` : "abierto (cifras provisionales)"}`,
    `Lo conocido a: ${model.knownAt ? bogotaInstant(model.knownAt) : "todo lo registrado al generar el informe"}`,
    `Fecha de generación: ${bogotaInstant(model.generatedAt)}`,
    `Versiones de reporte usadas: ${model.reportVersions.length} (anexo)`,
  ];
  for (const line of coverLines) text(line, { width, align: "center" });

  // Summary.
  doc.addPage();
  heading(`Resumen del plan — vigencia ${model.year}`, 17);
  semaforoLine(`Cumplimiento del plan en ${model.year}`, model.summary);
  semaforoLine("Cumplimiento del cuatrienio a la fecha de corte", model.summary.cuatrienio);
  doc.moveDown(0.5).fontSize(10);
  const c = model.summary.counters;
  text(
    `Indicadores: ${c.verde} en verde, ${c.amarillo} en amarillo, ${c.rojo} en rojo, ${c.sinReporte} sin reporte, ${c.sobreEjecucion} con sobre-ejecución, ${c.np} no programados (NP), ${c.pendiente} pendientes.`,
    { width },
  );
  doc.moveDown(0.5);
  table(
    [
      { title: "Objetivo", width: 330 },
      { title: "Cumplimiento", width: 90, align: "right" },
      { title: "Semáforo", width: width - 420 },
    ],
    model.sections.map((s) => [
      { text: `Objetivo ${s.code}. ${s.name}` },
      { text: informePercent(s.compliance) },
      semaforoCell(s),
    ]),
  );
  chart(
    `Cumplimiento por objetivo, vigencia ${model.year}`,
    model.sections.map((s) => ({ ...s, label: `Objetivo ${s.code}` })),
  );

  // One section per objective.
  for (const section of model.sections) {
    doc.addPage();
    heading(`Objetivo ${section.code}. ${section.name}`);
    semaforoLine(`Cumplimiento en ${model.year}`, section);
    doc.moveDown(0.5);
    table(
      [
        { title: "Código", width: 42 },
        { title: "Indicador", width: 160 },
        { title: "Meta cuatrienio", width: 58, align: "right" },
        { title: `Programado ${model.year}`, width: 58, align: "right" },
        { title: "Ejecutado", width: 58, align: "right" },
        { title: "Cumplimiento", width: 72, align: "right" },
        { title: "Semáforo", width: width - 448 },
      ],
      section.indicators.map((i) => [
        { text: i.code },
        { text: i.unit ? `${i.name} (${i.unit})` : i.name },
        { text: informeNumber(i.meta) },
        { text: informeNumber(i.target) },
        { text: informeNumber(i.actual) },
        { text: informePercent(i.compliance) },
        semaforoCell({
          ...i,
          statusLabel: i.overExecution ? `${i.statusLabel}, sobre-ejecución` : i.statusLabel,
        }),
      ]),
    );
    chart(
      `Objetivo ${section.code}: cumplimiento por indicador, ${model.year}`,
      section.indicators.map((i) => ({ ...i, label: `${i.code} ${i.name}` })),
    );
    if (section.analysis.length > 0) {
      heading("Análisis de los reportes aprobados", 12);
      for (const a of section.analysis) {
        if (doc.y > bottom() - 50) doc.addPage();
        doc.font("Helvetica-Bold").fontSize(10);
        text(`${a.indicator} — ${a.indicatorName} (periodo ${a.period}, versión ${a.version})`, {
          width,
        });
        doc.font("Helvetica").fontSize(9.5);
        for (const key of Object.keys(INFORME_ANALYSIS_LABELS) as Array<
          keyof typeof INFORME_ANALYSIS_LABELS
        >) {
          if (!a[key]) continue;
          doc.font("Helvetica-Bold");
          text(`${INFORME_ANALYSIS_LABELS[key]}: `, { width, continued: true });
          doc.font("Helvetica");
          text(a[key], { width });
        }
        doc.moveDown(0.4);
      }
    }
  }

  // Alerts.
  doc.addPage();
  heading("Alertas");
  if (model.alerts.length === 0) text("Ninguna alerta a la fecha de corte.", { width });
  else
    table(
      [
        { title: "Indicador", width: 50 },
        { title: "Nombre", width: 190 },
        { title: "Objetivo", width: 50 },
        { title: "Alerta", width: width - 290 },
      ],
      model.alerts.map((a) => [
        { text: a.indicator },
        { text: a.name },
        { text: a.objective },
        { text: a.message },
      ]),
    );

  heading("Anexo: calidad del dato");
  if (model.dataQuality.length === 0)
    text("Sin hallazgos de calidad del dato en el corte.", { width });
  else
    table(
      [
        { title: "Indicador", width: 50 },
        { title: "Periodo", width: 50 },
        { title: "Hallazgo", width: width - 230 },
        { title: "Justificación", width: 130 },
      ],
      model.dataQuality.map((q) => [
        { text: q.indicator },
        { text: q.period },
        { text: q.message },
        { text: q.justification ?? "—" },
      ]),
    );

  heading("Anexo: versiones de reporte usadas");
  if (model.reportVersions.length === 0) {
    text("Ningún reporte aprobado conocido a esa fecha.", { width });
  } else {
    text(
      "Cada valor que usó el informe: la versión del reporte (y su id) por indicador, periodo y área. Regenerar el informe con el mismo «lo conocido a» usa exactamente estas versiones.",
      { width },
    );
    doc.moveDown(0.3);
    table(
      [
        { title: "Indicador", width: 60 },
        { title: "Periodo", width: 55 },
        { title: "Área", width: width - 400 },
        { title: "Versión", width: 45 },
        { title: "Id", width: 50 },
        { title: "Valor", width: 70 },
        { title: "Registrada", width: 120 },
      ],
      model.reportVersions.map((v) => [
        { text: v.indicator },
        { text: v.period },
        { text: v.area === "" ? "Todo el indicador" : v.area },
        { text: `v${v.version}` },
        { text: String(v.id) },
        { text: informeNumber(v.value) },
        { text: bogotaInstant(v.recordedAt).replace(" (hora de Colombia)", "") },
      ]),
    );
  }

  // Page numbers, in the bottom margin (lifted while writing there).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(8).fillColor(GREY);
    doc.text(
      winAnsi(
        `${model.plan.code} · corte ${isoDay(model.asOf)} · página ${i + 1} de ${range.count}`,
      ),
      left,
      doc.page.height - 36,
      { width, align: "center", lineBreak: false },
    );
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}

// ---------------------------------------------------------------- XLSX

const PERCENT = "0.00%";
const NUMBER = "#,##0.00";

async function informeXlsx(model: InformeModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Rumbo";
  workbook.created = new Date(model.generatedAt);
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
  };

  const summary = workbook.addWorksheet("Resumen");
  summary.columns = [{ width: 48 }, { width: 16 }, { width: 22 }];
  bold(summary.addRow([model.title]));
  summary.addRow(["Plan", `${model.plan.code} ${model.plan.name}`]);
  summary.addRow(["Fecha de corte", isoDay(model.asOf)]);
  summary.addRow(["Vigencia", model.year]);
  summary.addRow(["Lo conocido a", model.knownAt ? bogotaInstant(model.knownAt) : "al generar"]);
  summary.addRow(["Fecha de generación", bogotaInstant(model.generatedAt)]);
  summary.addRow([]);
  bold(summary.addRow(["", "Cumplimiento", "Semáforo"]));
  const percentRow = (label: string, cell: InformeCell) => {
    const row = summary.addRow([label, cell.compliance, cell.statusLabel]);
    row.getCell(2).numFmt = PERCENT;
  };
  percentRow(`Plan, vigencia ${model.year}`, model.summary);
  percentRow("Plan, cuatrienio a la fecha de corte", model.summary.cuatrienio);
  for (const s of model.sections) percentRow(`Objetivo ${s.code}. ${s.name}`, s);
  summary.addRow([]);
  const c = model.summary.counters;
  for (const [label, count] of [
    ["Indicadores en verde", c.verde],
    ["En amarillo", c.amarillo],
    ["En rojo", c.rojo],
    ["Sin reporte", c.sinReporte],
    ["Con sobre-ejecución", c.sobreEjecucion],
    ["No programados (NP)", c.np],
    ["Pendientes", c.pendiente],
  ] as const)
    summary.addRow([label, count]);

  const indicators = workbook.addWorksheet("Indicadores");
  indicators.columns = [
    { header: "Objetivo", width: 10 },
    { header: "Código", width: 10 },
    { header: "Indicador", width: 50 },
    { header: "Unidad", width: 14 },
    { header: "Peso (%)", width: 10 },
    { header: "Meta cuatrienio", width: 14 },
    { header: `Programado ${model.year}`, width: 14 },
    { header: "Ejecutado", width: 14 },
    { header: "Cumplimiento", width: 14 },
    { header: "Semáforo", width: 20 },
    { header: "Sobre-ejecución", width: 14 },
  ];
  bold(indicators.getRow(1));
  for (const s of model.sections) {
    for (const i of s.indicators) {
      const row = indicators.addRow([
        s.code,
        i.code,
        i.name,
        i.unit ?? "",
        i.weight,
        i.meta,
        i.target,
        i.actual,
        i.compliance,
        i.statusLabel,
        i.overExecution ? "sí" : "no",
      ]);
      for (const n of [5, 6, 7, 8]) row.getCell(n).numFmt = NUMBER;
      row.getCell(9).numFmt = PERCENT;
    }
  }
  indicators.views = [{ state: "frozen", ySplit: 1 }];

  const analysis = workbook.addWorksheet("Análisis");
  analysis.columns = [
    { header: "Objetivo", width: 10 },
    { header: "Indicador", width: 10 },
    { header: "Periodo", width: 10 },
    { header: "Versión", width: 8 },
    ...Object.values(INFORME_ANALYSIS_LABELS).map((header) => ({ header, width: 50 })),
  ];
  bold(analysis.getRow(1));
  for (const s of model.sections) {
    for (const a of s.analysis) {
      const row = analysis.addRow([
        s.code,
        a.indicator,
        a.period,
        a.version,
        a.achievements,
        a.difficulties,
        a.actions,
        a.benefits,
      ]);
      row.alignment = { wrapText: true, vertical: "top" };
    }
  }

  const alerts = workbook.addWorksheet("Alertas");
  alerts.columns = [
    { header: "Objetivo", width: 10 },
    { header: "Indicador", width: 10 },
    { header: "Nombre", width: 50 },
    { header: "Tipo", width: 16 },
    { header: "Alerta", width: 70 },
  ];
  bold(alerts.getRow(1));
  for (const a of model.alerts)
    alerts.addRow([a.objective, a.indicator, a.name, ALERT_KIND_LABELS[a.kind], a.message]);

  const quality = workbook.addWorksheet("Calidad del dato");
  quality.columns = [
    { header: "Tipo", width: 24 },
    { header: "Indicador", width: 10 },
    { header: "Nombre", width: 40 },
    { header: "Periodo", width: 10 },
    { header: "Hallazgo", width: 70 },
    { header: "Justificación", width: 50 },
  ];
  bold(quality.getRow(1));
  for (const q of model.dataQuality)
    quality.addRow([
      q.kind,
      q.indicator,
      q.indicatorName,
      q.period,
      q.message,
      q.justification ?? "",
    ]);

  const versions = workbook.addWorksheet("Versiones usadas");
  versions.columns = [
    { header: "Indicador", width: 10 },
    { header: "Periodo", width: 10 },
    { header: "Área", width: 24 },
    { header: "Versión", width: 10 },
    { header: "Id de la versión", width: 16 },
    { header: "Valor", width: 14, style: { numFmt: NUMBER } },
    { header: "Registrada (UTC)", width: 22, style: { numFmt: "dd/mm/yyyy hh:mm" } },
  ];
  bold(versions.getRow(1));
  for (const v of model.reportVersions)
    versions.addRow([
      v.indicator,
      v.period,
      v.area === "" ? "Todo el indicador" : v.area,
      v.version,
      v.id,
      v.value,
      new Date(v.recordedAt),
    ]);

  neutraliseTexts(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Every text cell that a spreadsheet would run as a formula once edited
 * (a responsable's analysis typed as `=HYPERLINK(…)`) gets a leading
 * apostrophe, as in every CSV and the matriz (formats.md, «Cell spellings»).
 */
function neutraliseTexts(workbook: ExcelJS.Workbook): void {
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") cell.value = neutraliseFormula(cell.value);
      }),
    );
}

// ---------------------------------------------------------------- CSV

function informeCsv(model: InformeModel): Buffer {
  // Texts typed by people (analysis, names) never reach a spreadsheet as a formula.
  const rows = informeRows(model).map((r) => [
    neutraliseFormula(r.seccion),
    neutraliseFormula(r.objetivo),
    neutraliseFormula(r.indicador),
    neutraliseFormula(r.periodo),
    neutraliseFormula(r.medida),
    r.valor === null ? "" : String(r.valor).replace(".", ","),
    neutraliseFormula(r.texto),
  ]);
  const csv = stringify(rows, {
    delimiter: ";",
    header: true,
    columns: ["seccion", "objetivo", "indicador", "periodo", "medida", "valor", "texto"],
    record_delimiter: "\r\n",
  });
  return Buffer.from(`\uFEFF${csv}`, "utf8");
}
