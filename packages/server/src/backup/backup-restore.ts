/**
 * `rumbo backup` and `rumbo restore` (docs/operacion.md): every table of the
 * database, read in one REPEATABLE READ snapshot (a server may keep writing on
 * PostgreSQL: the copy is the database at one instant), written as
 * rumbo.backup/v1; and back, into PGlite or PostgreSQL alike, in one
 * transaction, after the whole file has been checked.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import {
  appliedSchemaVersion,
  knownMigrations,
  latestKnownSchema,
  type SchemaVersion,
} from "../db/schema-version.ts";
import {
  BACKUP_FORMAT,
  BackupFileError,
  type BackupHeader,
  parseHeader,
  readBackupLines,
  sectionLine,
  sectionTable,
  writeBackupFile,
} from "./backup-file.ts";
import {
  type CatalogTable,
  type Executor,
  quoteIdent,
  readCatalog,
  rows,
} from "./database-catalog.ts";

/** Rows fetched per round trip; one at a time where a row may hold a file. */
const FETCH_ROWS = 500;
const FETCH_ROWS_WITH_BYTES = 1;
/** Rows sent per INSERT, bounded by size so a table of soportes stays within memory. */
const INSERT_BATCH_ROWS = 1_000;
const INSERT_BATCH_BYTES = 8 * 1024 * 1024;

export type BackupSummary = { header: BackupHeader; rows: number };

/** The database the target holds already: restore refuses to mix two databases. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreRefusedError";
  }
}

export async function backupDatabase(
  db: Database,
  engine: "pglite" | "postgres",
  path: string,
  now: Date = new Date(),
): Promise<BackupSummary> {
  return db.transaction(
    async (tx) => {
      // Output that does not depend on the session: UTC offsets, and doubles
      // written with every digit (shortest exact form since PostgreSQL 12).
      await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
      await tx.execute(sql`SET LOCAL extra_float_digits = 3`);
      const catalog = await readCatalog(tx);
      const tables = [];
      for (const table of catalog) {
        const [count] = await rows<{ n: number }>(
          tx,
          sql`SELECT count(*)::int AS n FROM ${sql.raw(`public.${quoteIdent(table.name)}`)}`,
        );
        tables.push({ name: table.name, columns: table.columns, rows: count?.n ?? 0 });
      }
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        schema: await appliedSchemaVersion(tx),
        createdAt: now.toISOString(),
        engine,
        tables,
      };
      async function* lines() {
        yield JSON.stringify(header);
        for (const table of catalog) {
          yield sectionLine(table.name);
          yield* tableRows(tx, table);
        }
      }
      await writeBackupFile(path, lines());
      return { header, rows: tables.reduce((sum, t) => sum + t.rows, 0) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** A table's rows as PostgreSQL writes them in JSON, in primary-key order, through a cursor. */
async function* tableRows(tx: Executor, table: CatalogTable): AsyncGenerator<string> {
  const order =
    table.primaryKey.length > 0
      ? table.primaryKey.map((c) => `t.${quoteIdent(c)}`).join(", ")
      : "1";
  await tx.execute(
    sql.raw(
      `DECLARE rumbo_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS row FROM public.${quoteIdent(table.name)} t ORDER BY ${order}`,
    ),
  );
  const fetch = table.columns.some((c) => c.type === "bytea") ? FETCH_ROWS_WITH_BYTES : FETCH_ROWS;
  for (;;) {
    const batch = await rows<{ row: string }>(tx, sql.raw(`FETCH ${fetch} FROM rumbo_backup`));
    for (const r of batch) yield r.row;
    if (batch.length < fetch) break;
  }
  await tx.execute(sql`CLOSE rumbo_backup`);
}

/**
 * Reads the whole file and checks it without touching any database: the
 * checksum, the header, every table's section in order with the row count the
 * header announced, and a schema this Rumbo can take.
 */
export async function verifyBackup(path: string): Promise<BackupHeader> {
  let header: BackupHeader | null = null;
  let section = -1;
  const counts: number[] = [];
  for await (const line of readBackupLines(path)) {
    if (header === null) {
      header = parseHeader(line);
      checkSchema(header.schema, latestKnownSchema());
      continue;
    }
    const table = sectionTable(line);
    if (table !== null) {
      section += 1;
      if (header.tables[section]?.name !== table) {
        throw new BackupFileError(
          `la tabla ${table} aparece donde la cabecera anuncia ${header.tables[section]?.name ?? "el final"}`,
        );
      }
      counts[section] = 0;
      continue;
    }
    if (section < 0 || !line.startsWith("{")) {
      throw new BackupFileError("hay una línea que no es una fila de ninguna tabla");
    }
    counts[section] = (counts[section] ?? 0) + 1;
  }
  if (header === null) throw new BackupFileError("el archivo está vacío");
  header.tables.forEach((table, i) => {
    if (counts[i] !== table.rows) {
      throw new BackupFileError(
        `la tabla ${table.name} tiene ${counts[i] ?? 0} filas y la cabecera anuncia ${table.rows}`,
      );
    }
  });
  return header;
}

/** A backup restores only into the schema it was made from. */
export function checkSchema(file: SchemaVersion, current: SchemaVersion): void {
  if (file.createdAt === current.createdAt && file.hash === current.hash) return;
  const known = knownMigrations().some((m) => m.when === file.createdAt);
  if (file.createdAt > current.createdAt || !known) {
    throw new BackupFileError(
      `la copia se hizo con un esquema de base de datos más nuevo (${file.migration}) que el de esta versión de Rumbo (${current.migration}); restáurela con la versión de Rumbo que la hizo o una posterior`,
    );
  }
  if (file.createdAt < current.createdAt) {
    throw new BackupFileError(
      `la copia se hizo con un esquema anterior (${file.migration}) al de esta versión de Rumbo (${current.migration}); restáurela con la versión de Rumbo que la hizo y actualice después: al arrancar, la versión nueva migra los datos`,
    );
  }
  throw new BackupFileError(
    `la copia se hizo con la migración ${file.migration} con un contenido distinto del de esta versión de Rumbo`,
  );
}

export type RestoreSummary = { tables: number; rows: number; replaced: boolean };

/**
 * Restores a file verifyBackup accepted: in one transaction, refused when the
 * target holds rows unless `replace` (then every table is emptied first),
 * rows inserted table by table in the file's dependency order, and the
 * sequences of serial columns moved past the largest restored id. The file is
 * read again and its checksum checked again at the end, before the commit.
 */
export async function restoreBackup(
  db: Database,
  path: string,
  header: BackupHeader,
  options: { replace: boolean },
): Promise<RestoreSummary> {
  checkSchema(header.schema, await appliedSchemaVersion(db));
  return db.transaction(async (tx) => {
    const catalog = await readCatalog(tx);
    checkSameTables(header, catalog);
    const occupied = [];
    for (const table of catalog) {
      const [row] = await rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM ${sql.raw(`public.${quoteIdent(table.name)}`)}`,
      );
      if ((row?.n ?? 0) > 0)
        occupied.push(`${table.name} (${row?.n} ${row?.n === 1 ? "fila" : "filas"})`);
    }
    if (occupied.length > 0 && !options.replace) {
      throw new RestoreRefusedError(
        `la base de datos de destino no está vacía: ${occupied.join(", ")}. Use --replace para reemplazar todo su contenido por el de la copia`,
      );
    }
    if (occupied.length > 0) {
      await tx.execute(
        sql.raw(`TRUNCATE TABLE ${catalog.map((t) => `public.${quoteIdent(t.name)}`).join(", ")}`),
      );
    }
    const byName = new Map(catalog.map((t) => [t.name, t]));
    let table: CatalogTable | null = null;
    let batch: string[] = [];
    let batchBytes = 0;
    let restored = 0;
    const flush = async () => {
      if (table === null || batch.length === 0) return;
      const columns = table.columns.map((c) => quoteIdent(c.name)).join(", ");
      const target = `public.${quoteIdent(table.name)}`;
      await tx.execute(
        sql`INSERT INTO ${sql.raw(`${target} (${columns})`)} OVERRIDING SYSTEM VALUE
            SELECT ${sql.raw(columns)} FROM json_populate_recordset(NULL::${sql.raw(target)}, ${`[${batch.join(",")}]`}::json)`,
      );
      restored += batch.length;
      batch = [];
      batchBytes = 0;
    };
    let first = true;
    for await (const line of readBackupLines(path)) {
      if (first) {
        first = false;
        continue;
      }
      const name = sectionTable(line);
      if (name !== null) {
        await flush();
        table = byName.get(name) ?? null;
        continue;
      }
      batch.push(line);
      batchBytes += line.length;
      if (batch.length >= INSERT_BATCH_ROWS || batchBytes >= INSERT_BATCH_BYTES) await flush();
    }
    await flush();
    for (const t of catalog) {
      for (const s of t.sequences) {
        await tx.execute(
          sql`SELECT setval(${s.sequence}::regclass, COALESCE(MAX(${sql.raw(quoteIdent(s.column))}), 0) + 1, false)
              FROM ${sql.raw(`public.${quoteIdent(t.name)}`)}`,
        );
      }
    }
    return { tables: catalog.length, rows: restored, replaced: occupied.length > 0 };
  });
}

/** Same migration should mean same tables; a hand-altered database is named, not guessed at. */
function checkSameTables(header: BackupHeader, catalog: CatalogTable[]): void {
  const shape = (columns: { name: string; type: string }[]) =>
    columns.map((c) => `${c.name} ${c.type}`).join(", ");
  const target = new Map(catalog.map((t) => [t.name, shape(t.columns)]));
  const file = new Map(header.tables.map((t) => [t.name, shape(t.columns)]));
  const differences = [
    ...[...file.keys()].filter((n) => !target.has(n)).map((n) => `falta la tabla ${n} en la base`),
    ...[...target.keys()].filter((n) => !file.has(n)).map((n) => `la copia no tiene la tabla ${n}`),
    ...[...file]
      .filter(([n, s]) => target.has(n) && target.get(n) !== s)
      .map(([n]) => `las columnas de ${n} no coinciden`),
  ];
  if (differences.length > 0) {
    throw new BackupFileError(
      `las tablas de la base de destino no coinciden con las de la copia: ${differences.join("; ")}`,
    );
  }
}
