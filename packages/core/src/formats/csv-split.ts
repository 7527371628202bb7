/**
 * Hand-written CSV splitting (RFC 4180 quoting: `"a;b"`, `""` for a quote,
 * line breaks inside quotes), keeping the line where each record starts so
 * problems can name it (formats.md §2).
 */

/**
 * Calls `onRecord` for each record in order, without keeping them: a
 * 1.6-million-row file is read in one pass.
 */
export function forEachCsvRecord(
  text: string,
  separator: "," | ";",
  onRecord: (line: number, fields: string[]) => void,
  onProblem: (line: number, message: string) => void,
): void {
  let offset = 0;
  let line = 1;
  while (offset < text.length) {
    const end = lineEnd(text, offset);
    const raw = text.slice(offset, end);
    if (!raw.includes('"')) {
      // Fast path: most rows have no quotes.
      onRecord(line, raw.split(separator));
      offset = skipBreak(text, end);
      line++;
      continue;
    }
    const quoted = splitQuoted(text, offset, separator, line);
    if (quoted.problem !== undefined) onProblem(line, quoted.problem);
    else onRecord(line, quoted.fields);
    offset = quoted.offset;
    line = quoted.line;
  }
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf("\n", from);
  const end = newline === -1 ? text.length : newline;
  return end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/** Position after the line break at `end` (`\r\n`, `\n` or end of text). */
function skipBreak(text: string, end: number): number {
  if (text.charCodeAt(end) === 13) end++;
  if (text.charCodeAt(end) === 10) end++;
  return end;
}

type Quoted = { fields: string[]; offset: number; line: number; problem?: string };

function splitQuoted(text: string, start: number, separator: string, startLine: number): Quoted {
  const fields: string[] = [];
  let field = "";
  let offset = start;
  let line = startLine;
  let atFieldStart = true;
  let problem: string | undefined;
  for (;;) {
    if (offset >= text.length) {
      fields.push(field);
      return { fields, offset, line: line + 1, ...(problem === undefined ? {} : { problem }) };
    }
    const char = text.charAt(offset);
    if (char === "\n" || char === "\r") {
      fields.push(field);
      return {
        fields,
        offset: skipBreak(text, offset),
        line: line + 1,
        ...(problem === undefined ? {} : { problem }),
      };
    }
    if (char === separator) {
      fields.push(field);
      field = "";
      atFieldStart = true;
      offset++;
      continue;
    }
    if (char === '"' && atFieldStart) {
      const closed = readQuotedField(text, offset + 1);
      if (closed === null) {
        const lines = text.slice(offset).split("\n").length - 1;
        return {
          fields,
          offset: text.length,
          line: line + lines + 1,
          problem: "comillas sin cerrar: el campo entre comillas no termina",
        };
      }
      field = closed.value;
      line += closed.breaks;
      offset = closed.offset;
      atFieldStart = false;
      const next = text.charAt(offset);
      if (next !== "" && next !== separator && next !== "\n" && next !== "\r") {
        problem ??= `texto después de las comillas de cierre (${JSON.stringify(next)})`;
      }
      continue;
    }
    if (char === '"')
      problem ??=
        'comilla dentro de un campo sin comillas (use "" dentro de un campo entre comillas)';
    field += char;
    atFieldStart = false;
    offset++;
  }
}

function readQuotedField(
  text: string,
  from: number,
): { value: string; offset: number; breaks: number } | null {
  let value = "";
  let offset = from;
  let breaks = 0;
  while (offset < text.length) {
    const quote = text.indexOf('"', offset);
    if (quote === -1) return null;
    const chunk = text.slice(offset, quote);
    value += chunk;
    breaks += chunk.split("\n").length - 1;
    if (text.charAt(quote + 1) === '"') {
      value += '"';
      offset = quote + 2;
      continue;
    }
    return { value, offset: quote + 1, breaks };
  }
  return null;
}
