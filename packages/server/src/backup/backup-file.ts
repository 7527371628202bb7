/**
 * The file `rumbo backup` writes (rumbo.backup/v1, docs/operacion.md): gzip'd
 * JSON lines. Line 1 is the header (format, schema version, creation time,
 * tables with their columns and row counts); then, for each table in
 * dependency order, a line `["table", name]` followed by one line per row as
 * PostgreSQL's own `row_to_json` wrote it (numbers, timestamps with their
 * offset and microseconds, bytea as "\x…" hex, jsonb as JSON); the last line
 * is `["sha256", …]`, the SHA-256 of every byte before it. The rows are never
 * parsed in JavaScript: the text goes from one database to the other as is, so
 * a bigint or a double cannot lose a digit on the way.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import type { SchemaVersion } from "../db/schema-version.ts";

export const BACKUP_FORMAT = "rumbo.backup/v1";
const TRAILER_PREFIX = '["sha256",';
const NEWLINE = Buffer.from("\n");

export type BackupTable = {
  name: string;
  /** Columns written (generated columns are left out: the target computes them). */
  columns: { name: string; type: string }[];
  rows: number;
};

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  schema: SchemaVersion;
  createdAt: string;
  engine: "pglite" | "postgres";
  /** In dependency order: a table comes after every table it references. */
  tables: BackupTable[];
};

/** The file cannot be trusted: damaged, cut, not a backup, or of a schema this Rumbo cannot take. */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupFileError";
  }
}

/**
 * Writes the lines through gzip to a temporary file beside `path`, adds the
 * checksum line and only then renames it: a failed or interrupted backup never
 * leaves a file that looks like a backup. Readable by the owner only: it holds
 * password hashes and sessions.
 */
export async function writeBackupFile(
  path: string,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  const temporary = `${path}.${process.pid}.parcial`;
  const hash = createHash("sha256");
  async function* withChecksum() {
    for await (const line of lines) {
      const bytes = Buffer.from(`${line}\n`, "utf8");
      hash.update(bytes);
      yield bytes;
    }
    yield Buffer.from(`${JSON.stringify(["sha256", hash.digest("hex")])}\n`, "utf8");
  }
  try {
    await pipeline(withChecksum(), createGzip(), createWriteStream(temporary, { mode: 0o600 }));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Reads a backup line by line, hashing the bytes as it goes. The generator
 * throws BackupFileError on anything wrong — including, after the last row, a
 * checksum that does not match — so a reader that writes as it reads must do
 * it in a transaction it can roll back.
 */
export async function* readBackupLines(path: string): AsyncGenerator<string> {
  const hash = createHash("sha256");
  let trailer: string | null = null;
  const gunzip = createGunzip();
  const input = createReadStream(path);
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  let pending: Buffer[] = [];
  const take = (bytes: Buffer): string => {
    if (trailer !== null) {
      throw new BackupFileError("hay datos después de la suma de verificación final");
    }
    const line = bytes.toString("utf8");
    if (line.startsWith(TRAILER_PREFIX)) trailer = line;
    else hash.update(bytes).update(NEWLINE);
    return line;
  };
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
        pending.push(chunk.subarray(start, end));
        const line = take(Buffer.concat(pending));
        pending = [];
        start = end + 1;
        if (trailer === null) yield line;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
  } catch (error) {
    throw asFileError(error);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  if (pending.length > 0 || trailer === null) {
    throw new BackupFileError(
      "termina antes de la suma de verificación final: el archivo está incompleto",
    );
  }
  const expected = parseJson(trailer, "la suma de verificación final");
  if (!Array.isArray(expected) || expected[1] !== hash.digest("hex")) {
    throw new BackupFileError(
      "la suma de verificación SHA-256 no coincide con el contenido: el archivo fue alterado o está dañado",
    );
  }
}

function asFileError(error: unknown): Error {
  if (error instanceof BackupFileError) return error;
  const e = error as NodeJS.ErrnoException;
  if (e.code === "ENOENT") return new BackupFileError("el archivo no existe");
  if (e.code === "EISDIR") return new BackupFileError("es un directorio");
  if (e.code === "EACCES") return new BackupFileError("sin permiso de lectura");
  if (e.code === "Z_BUF_ERROR" || /unexpected end of file/i.test(e.message)) {
    return new BackupFileError("el archivo está incompleto (cortado)");
  }
  if (typeof e.code === "string" && e.code.startsWith("Z_")) {
    return new BackupFileError(
      `no es un archivo gzip válido o sus datos comprimidos están dañados (${e.message})`,
    );
  }
  return e;
}

export function parseJson(line: string, what: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupFileError(`${what} no es JSON válido`);
  }
}

/** The header of line 1, checked for shape; anything else is not a Rumbo backup. */
export function parseHeader(line: string | undefined): BackupHeader {
  if (line === undefined) throw new BackupFileError("el archivo está vacío");
  const header = parseJson(line, "la cabecera") as Partial<BackupHeader> | null;
  if (header === null || typeof header !== "object" || header.format !== BACKUP_FORMAT) {
    throw new BackupFileError(`no es una copia de Rumbo (se esperaba el formato ${BACKUP_FORMAT})`);
  }
  const schema = header.schema;
  const tablesOk =
    Array.isArray(header.tables) &&
    header.tables.every(
      (t) =>
        typeof t?.name === "string" &&
        Number.isInteger(t.rows) &&
        Array.isArray(t.columns) &&
        t.columns.every((c) => typeof c?.name === "string" && typeof c.type === "string"),
    );
  if (
    !schema ||
    typeof schema.migration !== "string" ||
    typeof schema.hash !== "string" ||
    typeof schema.createdAt !== "number" ||
    !tablesOk
  ) {
    throw new BackupFileError("la cabecera de la copia está incompleta");
  }
  return header as BackupHeader;
}

/** A line opening a table's rows: `["table", name]` (rows are objects, never arrays). */
export function sectionLine(table: string): string {
  return JSON.stringify(["table", table]);
}

/** The name in a `["table", name]` line, or null for a row line. */
export function sectionTable(line: string): string | null {
  if (!line.startsWith("[")) return null;
  const parsed = parseJson(line, "una línea de tabla");
  if (!Array.isArray(parsed) || parsed[0] !== "table" || typeof parsed[1] !== "string") {
    throw new BackupFileError("una línea de tabla sin nombre");
  }
  return parsed[1];
}
