/**
 * `rumbo backup --out ARCHIVO` and `rumbo restore ARCHIVO [--replace]`
 * (docs/operacion.md): the configured database (PGlite in RUMBO_DATA_DIR or
 * DATABASE_URL) to a rumbo.backup/v1 file and back.
 */
import { resolve } from "node:path";
import { BackupFileError } from "../backup/backup-file.ts";
import {
  backupDatabase,
  RestoreRefusedError,
  restoreBackup,
  verifyBackup,
} from "../backup/backup-restore.ts";
import { databaseConfigOf, loadConfig } from "../config.ts";
import { DataDirLockedError } from "../db/data-dir-lock.ts";
import { type DatabaseHandle, openDatabase } from "../db/open-database.ts";
import type { CliIo } from "./cli-io.ts";

export const BACKUP_USAGE = "Uso: rumbo backup --out ARCHIVO";
export const RESTORE_USAGE = "Uso: rumbo restore ARCHIVO [--replace]";

export async function backupCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [flag, out, ...extra] = args;
  if (flag !== "--out" || !out || extra.length > 0) {
    io.stderr(`rumbo: backup necesita --out ARCHIVO y nada más.\n${BACKUP_USAGE}\n`);
    return 2;
  }
  const database = await openConfigured(io, env, "copiar");
  if (database === null) return 1;
  try {
    const { header, rows } = await backupDatabase(database.db, database.engine, resolve(out));
    io.stdout(
      `Copia de ${database.description} escrita en ${out}: ${header.tables.length} tablas, ${rows} filas, esquema ${header.schema.migration}.\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

export async function restoreCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const replace = args.includes("--replace");
  const files = args.filter((a) => a !== "--replace");
  const [file] = files;
  if (files.length !== 1 || file === undefined || file.startsWith("--")) {
    io.stderr(`rumbo: restore necesita un ARCHIVO de copia.\n${RESTORE_USAGE}\n`);
    return 2;
  }
  const path = resolve(file);
  let header: Awaited<ReturnType<typeof verifyBackup>>;
  try {
    // The whole file is checked before the database is even opened.
    header = await verifyBackup(path);
  } catch (error) {
    if (!(error instanceof BackupFileError)) throw error;
    io.stderr(`rumbo: no se restauró ${file}: ${error.message}. No se cambió nada.\n`);
    return 2;
  }
  const database = await openConfigured(io, env, "restaurar");
  if (database === null) return 1;
  try {
    const summary = await restoreBackup(database.db, path, header, { replace });
    io.stdout(
      `Copia ${file} (${header.createdAt}, esquema ${header.schema.migration}) restaurada en ${database.description}: ${summary.tables} tablas, ${summary.rows} filas${summary.replaced ? "; el contenido anterior fue reemplazado" : ""}.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupFileError || error instanceof RestoreRefusedError) {
      io.stderr(`rumbo: no se restauró ${file}: ${error.message}. No se cambió nada.\n`);
      return error instanceof BackupFileError ? 2 : 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

/** The configured database; the embedded one only while no server holds it. */
async function openConfigured(
  io: CliIo,
  env: NodeJS.ProcessEnv,
  verb: "copiar" | "restaurar",
): Promise<DatabaseHandle | null> {
  try {
    return await openDatabase(databaseConfigOf(loadConfig(env)));
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    io.stderr(
      `rumbo: no se puede ${verb} la base embebida de ${error.dataDir} mientras el servidor de Rumbo la usa (pid ${error.holderPid}). Detenga el servidor, repita la orden y vuelva a iniciarlo; con PostgreSQL (DATABASE_URL) la copia se hace con el servidor en marcha.\n`,
    );
    return null;
  }
}
