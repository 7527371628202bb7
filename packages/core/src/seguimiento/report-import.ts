/**
 * The bulk load of reportes de avance (docs/formats.md «Carga masiva de reportes»): a sheet with one
 * report per row — indicador, periodo, valor (or numerador and denominador),
 * optionally área and the analysis texts — read into rows the server saves
 * through the same service as the form. This file reads the cells only
 * (columns by their Spanish header, any case or accents); the rules of the
 * ficha, the corte and the workflow are the service's, applied per row.
 * Every problem names the row as the spreadsheet shows it and the column by
 * its header and letter (docs/formats-extensions.md, «Carga masiva»).
 */
import { REPORT_TEXT_MAX, REVIEW_TEXT_MAX } from "../api/seguimiento.ts";
import { type Cell, columnLetter } from "../matrix/matrix.ts";
import { normalizeLabel } from "../matrix/matrix-columns.ts";
import { forbiddenCharacter } from "../shared/bounds.ts";
import type { ReportAnalysis } from "./report-changes.ts";
import type { ReportWarningCode } from "./report-warnings.ts";

export const REPORT_IMPORT_COLUMNS = [
  "indicator",
  "period",
  "value",
  "numerator",
  "denominator",
  "area",
  "achievements",
  "difficulties",
  "actions",
  "benefits",
  "semaforo",
  "sobreejecucion",
  "atipico",
] as const;
export type ReportImportColumn = (typeof REPORT_IMPORT_COLUMNS)[number];

/**
 * Each column's header as the template writes it, then the other spellings
 * accepted (compared without case, accents, punctuation or the little words
 * «de», «del», «la», «a», «y»). The English names are formats.md §2's.
 */
export const REPORT_IMPORT_HEADERS: Record<ReportImportColumn, readonly string[]> = {
  indicator: ["indicador", "indicator", "código del indicador", "código"],
  period: ["periodo", "period"],
  value: ["valor", "value", "valor reportado", "avance"],
  numerator: ["numerador", "numerator"],
  denominator: ["denominador", "denominator"],
  area: ["área", "area que reporta"],
  achievements: ["logros"],
  difficulties: ["dificultades", "retrasos y dificultades"],
  actions: ["acciones", "acciones de mejora", "soluciones / acciones de mejora", "soluciones"],
  benefits: ["beneficios", "beneficios a la ciudadanía"],
  semaforo: ["explicación del semáforo"],
  sobreejecucion: ["explicación de la sobre-ejecución", "explicación de la sobreejecución"],
  atipico: ["explicación del valor atípico"],
};

/**
 * Columns of the sheet that are there for the person who fills it (the
 * name of the indicator, its meta, the target…) and that the load does not
 * read. Any other unknown header is a problem: a misspelt «logors» must not
 * be dropped in silence.
 */
const INFORMATIVE_HEADERS = [
  "nombre",
  "nombre del indicador",
  "objetivo",
  "meta",
  "unidad",
  "unidad de medida",
  "programado",
  "meta del periodo",
  "meta de la vigencia",
  "estado",
  "observaciones",
];

const ANALYSIS_COLUMNS = ["achievements", "difficulties", "actions", "benefits"] as const;
const EXPLANATION_COLUMNS = ["semaforo", "sobreejecucion", "atipico"] as const;

/** The header key: normalised, without punctuation or little words. */
function headerKey(text: string): string {
  return normalizeLabel(text)
    .replace(/[^a-z0-9ñ]+/g, " ")
    .split(" ")
    .filter((word) => word !== "" && !["de", "del", "la", "el", "a", "y"].includes(word))
    .join(" ");
}

const COLUMN_OF_HEADER = new Map<string, ReportImportColumn>(
  REPORT_IMPORT_COLUMNS.flatMap((column) =>
    REPORT_IMPORT_HEADERS[column].map((header) => [headerKey(header), column] as const),
  ),
);
const INFORMATIVE = new Set(INFORMATIVE_HEADERS.map(headerKey));

/** The label a problem gives a column: its header in the file and its letter. */
export type ImportColumnRef = { header: string; letter: string };

export type ReportImportProblem = {
  /** Row as the spreadsheet numbers it (the header is usually 1); 0 for the whole file. */
  row: number;
  column: ImportColumnRef | null;
  message: string;
};

/** One report of the file, as typed: numbers are checked against the ficha by the service. */
export type ReportImportRow = {
  row: number;
  indicator: string;
  period: string;
  /** '' for the whole indicator. */
  area: string;
  value?: string | number;
  numerator?: string | number;
  denominator?: string | number;
  /** Only the texts the row writes: an empty cell keeps what is stored. */
  analysis: Partial<ReportAnalysis>;
  explanations: Partial<Record<ReportWarningCode, string>>;
  /** Where each column of the row is, for the problems the service finds. */
  columns: Partial<Record<ReportImportColumn, ImportColumnRef>>;
};

export type ReportImportRead =
  | { ok: true; rows: ReportImportRow[]; skipped: number }
  | { ok: false; problems: ReportImportProblem[] };

export type ReportImportOptions = {
  /** `.` for a CSV saved with `,` between fields (its numbers have a decimal point). */
  decimal: "," | ".";
};

const POINT_NUMBER = /^[-+]?\d+(\.\d+)?$/;

function isBlank(row: readonly Cell[] | undefined): boolean {
  return row === undefined || row.every((cell) => cell === null || String(cell).trim() === "");
}

function text(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  return String(cell).trim();
}

/**
 * The rows of a bulk load from the sheet's cells (the first non-blank row is
 * the header). A row without any value or text is «not reported» and skipped,
 * as in formats.md §2; every other row is one report to save.
 */
export function readReportImportRows(
  cells: readonly (readonly Cell[])[],
  options: ReportImportOptions,
): ReportImportRead {
  const problems: ReportImportProblem[] = [];
  const headerIndex = cells.findIndex((row) => !isBlank(row));
  if (headerIndex === -1) {
    return {
      ok: false,
      problems: [{ row: 0, column: null, message: "el archivo no tiene filas." }],
    };
  }
  const header = cells[headerIndex] ?? [];
  const at = new Map<ReportImportColumn, number>();
  const refs: Partial<Record<ReportImportColumn, ImportColumnRef>> = {};
  const headerRow = headerIndex + 1;
  header.forEach((cell, index) => {
    const title = text(cell);
    if (title === "") return;
    const ref = { header: title, letter: columnLetter(index) };
    const column = COLUMN_OF_HEADER.get(headerKey(title));
    if (column === undefined) {
      if (!INFORMATIVE.has(headerKey(title))) {
        problems.push({
          row: headerRow,
          column: ref,
          message: `columna desconocida; las columnas son ${REPORT_IMPORT_COLUMNS.map((c) => `«${REPORT_IMPORT_HEADERS[c][0]}»`).join(", ")} (más columnas informativas como «nombre del indicador»)`,
        });
      }
      return;
    }
    const first = at.get(column);
    if (first !== undefined) {
      problems.push({
        row: headerRow,
        column: ref,
        message: `la columna «${REPORT_IMPORT_HEADERS[column][0]}» está repetida (ya en la columna ${columnLetter(first)})`,
      });
      return;
    }
    at.set(column, index);
    refs[column] = ref;
  });
  for (const required of ["indicator", "period"] as const) {
    if (!at.has(required)) {
      problems.push({
        row: headerRow,
        column: null,
        message: `falta la columna «${REPORT_IMPORT_HEADERS[required][0]}»`,
      });
    }
  }
  if (!at.has("value") && !(at.has("numerator") && at.has("denominator"))) {
    problems.push({
      row: headerRow,
      column: null,
      message: "falta la columna «valor» (o las columnas «numerador» y «denominador»)",
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const rows: ReportImportRow[] = [];
  const firstRowOf = new Map<string, number>();
  let skipped = 0;
  for (let r = headerIndex + 1; r < cells.length; r++) {
    const cellsOfRow = cells[r];
    if (isBlank(cellsOfRow)) continue;
    const rowNumber = r + 1;
    const cell = (column: ReportImportColumn): Cell | undefined => {
      const index = at.get(column);
      return index === undefined ? undefined : cellsOfRow?.[index];
    };
    const problem = (column: ReportImportColumn | null, message: string) => {
      problems.push({ row: rowNumber, column: column ? (refs[column] ?? null) : null, message });
    };
    const number = (column: "value" | "numerator" | "denominator") => {
      const raw = cell(column);
      if (raw === null || raw === undefined) return undefined;
      if (typeof raw === "number") return raw;
      const typed = raw.trim();
      if (typed === "") return undefined;
      // A `,`-separated CSV writes 44.5; core reads the decimal comma of a `;` file.
      return options.decimal === "." && POINT_NUMBER.test(typed) ? Number(typed) : typed;
    };
    const value = number("value");
    const numerator = number("numerator");
    const denominator = number("denominator");
    const analysis: Partial<ReportAnalysis> = {};
    const explanations: Partial<Record<ReportWarningCode, string>> = {};
    let texts = 0;
    for (const column of [...ANALYSIS_COLUMNS, ...EXPLANATION_COLUMNS]) {
      const written = text(cell(column));
      if (written === "") continue;
      const analysisColumn = ANALYSIS_COLUMNS.find((c) => c === column);
      const max = analysisColumn ? REPORT_TEXT_MAX : REVIEW_TEXT_MAX;
      const forbidden = forbiddenCharacter(written);
      if (written.length > max) {
        problem(
          column,
          `el texto tiene ${written.length.toLocaleString("es-CO")} caracteres; el máximo es ${max.toLocaleString("es-CO")}`,
        );
      } else if (forbidden !== null) {
        problem(column, `el texto contiene ${forbidden}, que no se puede guardar`);
      }
      if (analysisColumn) analysis[analysisColumn] = written;
      else explanations[column as ReportWarningCode] = written;
      texts++;
    }
    // formats.md §2: an empty value means «not reported»; a row with nothing at all is skipped.
    if (
      value === undefined &&
      numerator === undefined &&
      denominator === undefined &&
      texts === 0
    ) {
      skipped++;
      continue;
    }
    const indicator = text(cell("indicator"));
    const period = text(cell("period"));
    const area = text(cell("area"));
    if (indicator === "") problem("indicator", "falta el código del indicador");
    if (period === "") problem("period", "falta el periodo (AAAA, AAAA-Qn o AAAA-MM)");
    if (area.length > 300) problem("area", "el nombre del área supera 300 caracteres");
    if (indicator.length > 100) problem("indicator", "el código supera 100 caracteres");
    if (indicator !== "" && period !== "") {
      // The same report twice in one file would make the second silently win.
      const key = `${indicator}\u0000${period.toUpperCase()}\u0000${area}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        problem(
          null,
          `el reporte de ${indicator} (${period}${area ? `, área ${area}` : ""}) está repetido (ya en la fila ${first})`,
        );
      } else firstRowOf.set(key, rowNumber);
    }
    rows.push({
      row: rowNumber,
      indicator,
      period,
      area,
      ...(value === undefined ? {} : { value }),
      ...(numerator === undefined ? {} : { numerator }),
      ...(denominator === undefined ? {} : { denominator }),
      analysis,
      explanations,
      columns: refs,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows, skipped };
}

/** «avances.xlsx: fila 7, columna «valor» (C): …», as the plan import words its problems. */
export function formatReportImportProblem(fileName: string, problem: ReportImportProblem): string {
  const place =
    problem.row === 0
      ? ""
      : problem.column
        ? `fila ${problem.row}, columna «${problem.column.header}» (${problem.column.letter}): `
        : `fila ${problem.row}: `;
  return `${fileName}: ${place}${problem.message}`;
}
