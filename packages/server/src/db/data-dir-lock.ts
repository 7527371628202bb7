/**
 * PGlite keeps no lock of its own on its data directory: two processes
 * writing to it would corrupt it silently. Rumbo takes an exclusive lock file
 * first; a second process gets a clear error, a stale lock of a dead process
 * is recovered.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";

export const LOCK_FILE = "rumbo.lock";

type LockContent = { pid: number; host: string; startedAt: string };

export class DataDirLockedError extends Error {
  readonly code = "DATA_DIR_LOCKED";
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly holderHost: string,
  ) {
    super(
      `El directorio de datos ${dataDir} está en uso por otro proceso de Rumbo (pid ${holderPid}${holderHost !== hostname() ? ` en ${holderHost}` : ""}). Detenga ese proceso o use otro directorio con RUMBO_DATA_DIR.`,
    );
    this.name = "DataDirLockedError";
  }
}

export type DataDirLock = { path: string; release: () => void };

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const mine: LockContent = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
  };
  // Two attempts: the second one after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      const release = () => {
        try {
          const held = readLock(path);
          if (held?.pid === mine.pid && held.startedAt === mine.startedAt) unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
      return { path, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const held = readLock(path);
      if (held && isAlive(held)) throw new DataDirLockedError(dir, held.pid, held.host);
      // Stale (the holder died) or unreadable (it died while writing): recover.
      try {
        unlinkSync(path);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== "ENOENT") throw unlinkError;
      }
    }
  }
  const held = readLock(path);
  throw new DataDirLockedError(dir, held?.pid ?? -1, held?.host ?? hostname());
}

function readLock(path: string): LockContent | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "pid" in parsed &&
      typeof parsed.pid === "number" &&
      "host" in parsed &&
      typeof parsed.host === "string"
    ) {
      const startedAt =
        "startedAt" in parsed && typeof parsed.startedAt === "string" ? parsed.startedAt : "";
      return { pid: parsed.pid, host: parsed.host, startedAt };
    }
    return null;
  } catch {
    return null;
  }
}

function isAlive(lock: LockContent): boolean {
  // A lock taken on another host (shared disk) cannot be checked: respect it.
  if (lock.host !== hostname()) return true;
  if (lock.pid === process.pid) return true;
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
