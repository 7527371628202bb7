/**
 * What a plan file may hold, checked before the file is materialised
 * (docs/decisions/0011-b-upload-limits.md). A workbook of 1,6 MB can unzip to
 * 300 MB and a CSV of 8 MB can make every row's problem quote a cell of 8 MB:
 * without these limits one upload blocks the server and fills its memory.
 * The limits leave room for far bigger plans than a sector has (a
 * 5,000-indicator matriz is 1 MB zipped, 12 MB unzipped, 5,000 rows).
 */
import { columnLetter, type MatrixProblem } from "@rumbo/core";
import { boundProblemLine, excerpt, UPLOAD_LIMITS } from "./problem-lines.ts";
import { inflateEntry, readZipEntries, ZipFormatError } from "./zip-entries.ts";

export { boundProblemLine, excerpt, UPLOAD_LIMITS } from "./problem-lines.ts";

/** A problem of the whole file (no sheet, row or column). */
const whole = (message: string): MatrixProblem => ({ sheet: "", row: 0, column: "", message });

const number = new Intl.NumberFormat("es-CO");
const megabytes = (bytes: number) =>
  `${new Intl.NumberFormat("es-CO", { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;

/**
 * Problems of a workbook's size, read from the zip's directory and, for the
 * sheets, from their XML inflated under a cap: empty when it is within the
 * limits. The sheets are inflated here once more than the reader will, a
 * cost bounded by the limit itself.
 */
export function workbookLimitProblems(bytes: Uint8Array): MatrixProblem[] {
  let entries: ReturnType<typeof readZipEntries>;
  try {
    entries = readZipEntries(bytes);
  } catch (error) {
    if (error instanceof ZipFormatError) return []; // The reader explains an unreadable file.
    throw error;
  }
  const { maxZipEntries, maxUnzippedBytes, maxRows, maxCells } = UPLOAD_LIMITS;
  if (entries.length > maxZipEntries)
    return [
      whole(
        `el libro tiene ${number.format(entries.length)} partes; el máximo es ${number.format(maxZipEntries)}. Guarde solo las hojas de la matriz.`,
      ),
    ];
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > maxUnzippedBytes)
    return [
      whole(
        `el libro ocupa ${megabytes(declared)} al descomprimirlo; el máximo es ${megabytes(maxUnzippedBytes)}. Quite filas, hojas o formatos que no son de la matriz.`,
      ),
    ];
  let cells = 0;
  for (const entry of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) continue;
    let xml: Buffer;
    try {
      // No more than the entry declared: a part that holds more lies about its size.
      xml = inflateEntry(bytes, entry, entry.uncompressedSize);
    } catch (error) {
      if (error instanceof RangeError)
        return [
          whole(`el libro está dañado: la parte ${entry.name} contiene más de lo que declara.`),
        ];
      return []; // The reader explains a damaged file.
    }
    const counted = countRowsAndCells(xml);
    if (counted.rows > maxRows)
      return [
        whole(
          `una hoja del libro tiene ${number.format(counted.rows)} filas; el máximo es ${number.format(maxRows)}.`,
        ),
      ];
    cells += counted.cells;
  }
  if (cells > maxCells)
    return [
      whole(
        `el libro tiene ${number.format(cells)} celdas; el máximo es ${number.format(maxCells)}.`,
      ),
    ];
  return [];
}

/** `<row …>` and `<c …>` elements of a sheet's XML, with or without a namespace prefix. */
function countRowsAndCells(xml: Buffer): { rows: number; cells: number } {
  const text = xml.toString("latin1");
  let rows = 0;
  let cells = 0;
  for (const match of text.matchAll(/<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s>/]/g)) {
    if (match[1] === "row") rows++;
    else cells++;
  }
  return { rows, cells };
}

/** Problems of a CSV's size by its lines, before it is parsed. */
export function csvLineLimitProblems(text: string): MatrixProblem[] {
  let lines = 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines++;
  // A quoted field may span lines: this counts at least the rows there are.
  const { maxRows } = UPLOAD_LIMITS;
  return lines > maxRows + 1
    ? [
        whole(
          `el archivo tiene ${number.format(lines)} líneas; el máximo es ${number.format(maxRows)} filas más el encabezado.`,
        ),
      ]
    : [];
}

/** Problems of parsed rows: too many rows or cells, cells longer than a spreadsheet allows. */
export function cellLimitProblems(rows: readonly (readonly unknown[])[]): MatrixProblem[] {
  const { maxRows, maxCells, maxCellChars } = UPLOAD_LIMITS;
  if (rows.length > maxRows + 1)
    return [
      whole(
        `el archivo tiene ${number.format(rows.length)} filas; el máximo es ${number.format(maxRows)} más el encabezado.`,
      ),
    ];
  const cells = rows.reduce((sum, row) => sum + row.length, 0);
  if (cells > maxCells)
    return [
      whole(
        `el archivo tiene ${number.format(cells)} celdas; el máximo es ${number.format(maxCells)}.`,
      ),
    ];
  const problems: MatrixProblem[] = [];
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (typeof cell === "string" && cell.length > maxCellChars)
        problems.push({
          sheet: "",
          row: r + 1,
          column: columnLetter(c),
          message: tooLongCell(cell),
        });
    });
  });
  return problems;
}

/** Why a cell over the limit is refused, quoting only its beginning. */
export function tooLongCell(text: string): string {
  return `la celda tiene ${number.format(text.length)} caracteres; el máximo es ${number.format(UPLOAD_LIMITS.maxCellChars)} («${excerpt(text)}»)`;
}

/** The first problems, bounded, and how many more there are. */
export function boundProblems(lines: readonly string[]): { shown: string[]; omitted: number } {
  const { maxProblems } = UPLOAD_LIMITS;
  return {
    shown: lines.slice(0, maxProblems).map(boundProblemLine),
    omitted: Math.max(0, lines.length - maxProblems),
  };
}

/** "y 599.800 problemas más (se muestran los primeros 200)". */
export function omittedProblemsText(omitted: number, noun = "problemas"): string {
  return `… y ${number.format(omitted)} ${noun} más (se muestran los primeros ${number.format(UPLOAD_LIMITS.maxProblems)}).`;
}
