/**
 * Reader of the actuals file (formats.md §2): header row with `indicator`,
 * `period`, `value` found by name; `,` with decimal point, or `;` with decimal
 * comma when the header is `;`-separated. It returns every problem with the
 * file and line number, never a partial result (formats.md §4).
 */
import { plainDecimal } from "../matrix/matrix-numbers.ts";
import type { Plan } from "../plan/plan.ts";
import { createRowChecker, type PlanOutline } from "./actuals-rows.ts";
import { forEachCsvRecord } from "./csv-split.ts";
import { type Period, parsePeriod } from "./period.ts";
import type { Problem } from "./problem.ts";

/** One reported value; `period` in its canonical spelling (`2024-Q1`). */
export type ActualValue = { indicator: string; period: string; value: number };
export type ActualRow = ActualValue & { line: number };

export type ReadActualsResult =
  | { ok: true; actuals: ActualRow[] }
  | { ok: false; problems: Problem[] };

const COLUMNS = ["indicator", "period", "value"] as const;
type Column = (typeof COLUMNS)[number];

const POINT_NUMBER = /^-?\d+(\.\d+)?$/;
const COMMA_NUMBER = /^-?\d+(,\d+)?$/;
/** A line of only separators and spaces: every field blank, as `isBlank` says. */
const BLANK_LINE = { ",": /^[\s,]*$/, ";": /^[\s;]*$/ } as const;

/**
 * Reads an actuals file against a plan. When the plan file had problems, pass
 * the outline its reader returned (or `null`): the checks run against what of
 * the plan could be read, so the user still gets every problem at once.
 */
export function readActualsCsv(
  text: string,
  fileName: string,
  plan: Plan | PlanOutline | null,
): ReadActualsResult {
  const problems: Problem[] = [];
  const at = (line: number, message: string) => {
    problems.push({ source: fileName, line, message });
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const separator = firstLine(body).includes(";") ? ";" : ",";
  const commaDecimal = separator === ";";
  const number = commaDecimal ? COMMA_NUMBER : POINT_NUMBER;
  const checker = createRowChecker(plan);
  // Period spellings repeat (16 in a quarterly plan of 4 years): parse each once.
  const periods = new Map<string, Period | null>();
  const actuals: ActualRow[] = [];
  let header: { fields: number; columns: Record<Column, number> } | null | undefined;
  let headerLine = 1;

  const onRow = (line: number, indicatorText: string, periodField: string, valueField: string) => {
    const valueText = valueField.trim();
    // formats.md §2: an empty value means "not reported"; the row is ignored.
    if (valueText === "") return;
    const indicator = indicatorText.trim();
    const periodText = periodField.trim();
    let period = periods.get(periodText);
    if (period === undefined) {
      period = parsePeriod(periodText);
      periods.set(periodText, period);
    }
    let rowOk = checker.check(indicator, periodText, period, line, at);
    if (!number.test(valueText)) {
      at(
        line,
        `valor mal formado "${valueText}" (se espera un número con ${commaDecimal ? "coma" : "punto"} decimal, sin separador de miles ni exponente)`,
      );
      rowOk = false;
    }
    if (rowOk && period !== null) {
      const value = Number(commaDecimal ? valueText.replace(",", ".") : valueText);
      actuals.push({ indicator, period: checker.canonical(period), value, line });
    }
  };
  const onRecord = (line: number, fields: string[]) => {
    if (isBlank(fields)) return;
    if (header === undefined) {
      headerLine = line;
      header = findColumns(fields, line, at);
      return;
    }
    if (header === null) return;
    if (fields.length !== header.fields) {
      wrongFieldCount(line, fields.length, header.fields);
      return;
    }
    const { indicator, period, value } = header.columns;
    onRow(line, fields[indicator] ?? "", fields[period] ?? "", fields[value] ?? "");
  };
  const wrongFieldCount = (line: number, fields: number, expected: number) =>
    at(
      line,
      `la fila tiene ${fields} campos y el encabezado ${expected} (separador "${separator}")`,
    );

  if (body.includes('"')) forEachCsvRecord(body, separator, onRecord, at);
  else {
    // No quotes anywhere (the usual file): each line is cut at its separators
    // in place, without an array of fields per row; same checks, same messages.
    let offset = 0;
    let line = 1;
    let nextSeparator = body.indexOf(separator);
    while (offset < body.length) {
      const newline = body.indexOf("\n", offset);
      const next = newline === -1 ? body.length : newline + 1;
      let end = newline === -1 ? body.length : newline;
      if (end > offset && body.charCodeAt(end - 1) === 13) end--;
      if (header === undefined) onRecord(line, body.slice(offset, end).split(separator));
      else if (header === null) break;
      else {
        const { indicator, period, value } = header.columns;
        let indicatorText = "";
        let periodText = "";
        let valueText = "";
        let fields = 0;
        let start = offset;
        for (;;) {
          if (nextSeparator !== -1 && nextSeparator < start)
            nextSeparator = body.indexOf(separator, start);
          const stop = nextSeparator === -1 || nextSeparator > end ? end : nextSeparator;
          if (fields === indicator) indicatorText = body.slice(start, stop);
          else if (fields === period) periodText = body.slice(start, stop);
          else if (fields === value) valueText = body.slice(start, stop);
          fields++;
          if (stop === end) break;
          start = stop + 1;
        }
        const blank =
          indicatorText.trim() === "" &&
          periodText.trim() === "" &&
          valueText.trim() === "" &&
          BLANK_LINE[separator].test(body.slice(offset, end));
        if (blank) {
          // blank lines are ignored (formats.md §2)
        } else if (fields !== header.fields) wrongFieldCount(line, fields, header.fields);
        else onRow(line, indicatorText, periodText, valueText);
      }
      offset = next;
      line++;
    }
  }
  if (header === undefined) at(headerLine, `falta el encabezado (${COLUMNS.join(separator)})`);
  if (problems.length > 0) {
    // Problems come in line order even when a quoted field reported late.
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { ok: false, problems };
  }
  return { ok: true, actuals };
}

function isBlank(fields: string[]): boolean {
  for (const field of fields) if (field.trim() !== "") return false;
  return true;
}

function firstLine(text: string): string {
  // The header is the first non-blank line (blank lines are ignored, §2).
  for (const line of text.split("\n", 50)) if (line.trim() !== "") return line;
  return "";
}

function findColumns(
  names: string[],
  line: number,
  at: (line: number, message: string) => void,
): { fields: number; columns: Record<Column, number> } | null {
  const found: Partial<Record<Column, number>> = {};
  let ok = true;
  names.forEach((name, index) => {
    const column = COLUMNS.find((item) => item === name.trim().toLowerCase());
    if (column === undefined) return;
    if (found[column] !== undefined) {
      at(line, `la columna "${column}" aparece dos veces en el encabezado`);
      ok = false;
    }
    found[column] = index;
  });
  for (const column of COLUMNS) {
    if (found[column] === undefined) {
      at(line, `falta la columna "${column}" en el encabezado (se espera ${COLUMNS.join(", ")})`);
      ok = false;
    }
  }
  const { indicator, period, value } = found;
  if (!ok || indicator === undefined || period === undefined || value === undefined) return null;
  return { fields: names.length, columns: { indicator, period, value } };
}

/**
 * The actuals file (formats.md §2) for `rumbo compute`: header
 * `indicator,period,value`, decimal point, no thousands separator and no
 * exponent, each value written with the digits that read back as the same
 * number. A code with a comma, a quote or a line break is quoted.
 */
export function writeActualsCsv(actuals: readonly ActualValue[]): string {
  const lines = ["indicator,period,value"];
  for (const a of actuals)
    lines.push(
      `${csvField(a.indicator)},${a.period},${plainDecimal(Object.is(a.value, -0) ? 0 : a.value)}`,
    );
  return `${lines.join("\n")}\n`;
}

function csvField(text: string): string {
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
