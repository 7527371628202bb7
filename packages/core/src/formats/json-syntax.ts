/**
 * Locates the first syntax error of a JSON text, with a Spanish message. Used
 * only after `JSON.parse` failed, because V8's message does not always say
 * where (formats.md §4: problems name the file and the place).
 */
export type JsonSyntaxError = { line: number; column: number; message: string };

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let offset = 0;
  const fail = (message: string): never => {
    throw new ScanError(offset, message);
  };
  const skipSpace = () => {
    while (offset < text.length && " \t\n\r".includes(text.charAt(offset))) offset++;
  };
  const expect = (literal: string) => {
    if (text.startsWith(literal, offset)) offset += literal.length;
    else fail(`se esperaba un valor JSON`);
  };
  const scanString = () => {
    offset++;
    while (offset < text.length) {
      const char = text.charAt(offset);
      if (char === '"') {
        offset++;
        return;
      }
      if (char === "\\") {
        const next = text.charAt(offset + 1);
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(offset + 2, offset + 6)))
            fail("escape \\u mal formado");
          offset += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== "") offset += 2;
        else fail("escape mal formado en un texto");
      } else if (char < " ") {
        fail("carácter de control dentro de un texto (¿falta cerrar las comillas?)");
      } else offset++;
    }
    fail("texto sin cerrar: falta la comilla final");
  };
  const scanNumber = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(offset, offset + 400));
    if (match === null) fail("se esperaba un valor JSON");
    else offset += match[0].length;
  };
  const scanValue = (depth: number): void => {
    if (depth > 512) fail("anidamiento demasiado profundo");
    skipSpace();
    const char = text.charAt(offset);
    if (char === "") fail("fin inesperado del archivo");
    if (char === "{") scanContainer(depth, "}", true);
    else if (char === "[") scanContainer(depth, "]", false);
    else if (char === '"') scanString();
    else if (char === "t") expect("true");
    else if (char === "f") expect("false");
    else if (char === "n") expect("null");
    else if (char === "-" || (char >= "0" && char <= "9")) scanNumber();
    else fail(`carácter inesperado ${JSON.stringify(char)}: se esperaba un valor JSON`);
  };
  const scanContainer = (depth: number, close: string, keyed: boolean): void => {
    offset++;
    skipSpace();
    if (text.charAt(offset) === close) {
      offset++;
      return;
    }
    for (;;) {
      if (keyed) {
        skipSpace();
        if (text.charAt(offset) !== '"') fail("se esperaba el nombre de un campo entre comillas");
        scanString();
        skipSpace();
        if (text.charAt(offset) !== ":") fail("se esperaba ':' después del nombre del campo");
        offset++;
      }
      scanValue(depth + 1);
      skipSpace();
      const char = text.charAt(offset);
      if (char === ",") {
        offset++;
        continue;
      }
      if (char === close) {
        offset++;
        return;
      }
      fail(char === "" ? "fin inesperado del archivo" : `se esperaba ',' o '${close}'`);
    }
  };
  try {
    scanValue(0);
    skipSpace();
    if (offset < text.length) fail("texto de más después del JSON");
    return null;
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split("\n").length;
    const column = error.offset - before.lastIndexOf("\n");
    return { line, column, message: error.message };
  }
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}
