/**
 * PGlite keeps no lock of its own on its data directory: two processes
 * writing to it would corrupt it silently. Rumbo takes an exclusive lock file
 * first; a second process gets a clear error, a stale lock of a dead process
 * is recovered.
 *
 * A pid alone cannot say whether the holder lives: in a container the server
 * is pid 1 at every start, and after a kill -9 the pid of the dead holder is
 * ours or some unrelated process's. So the lock names its holder by more than
 * its pid (docs/decisions/0011-b-upload-limits.md):
 * - a Unix socket next to the lock that the holder listens on: the kernel
 *   closes it when the holder dies, whatever pid namespace either side is in,
 *   so "someone accepts a connection" is the proof of life on this machine;
 * - the holder's start time (/proc/<pid>/stat, field 22) and the boot id, for
 *   when the socket cannot be made (path too long, a filesystem without
 *   sockets) or the lock comes from an older Rumbo: a live process with that
 *   pid but another start time is not the holder;
 * - a random token, so a process recognises the lock it holds itself.
 */
import { randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { hostname } from "node:os";
import { join, resolve } from "node:path";

export const LOCK_FILE = "rumbo.lock";
export const LOCK_SOCKET = "rumbo.lock.sock";

/** Unix socket paths are limited (108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;

export type LockContent = {
  pid: number;
  host: string;
  startedAt: string;
  /** Start time of the process in clock ticks since boot; null where /proc is missing. */
  processStart: string | null;
  bootId: string | null;
  token: string;
  /** The socket the holder listens on; null if it could not make one. */
  socket: string | null;
};

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

/** Tokens of the locks this process holds. */
const heldTokens = new Set<string>();

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const token = randomUUID();
  // Two attempts: the second one after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const held = readLock(path);
      if (held && (await isAlive(held))) throw new DataDirLockedError(dir, held.pid, held.host);
      // Stale (the holder died) or unreadable (it died while writing): recover.
      removeIfExists(path);
      continue;
    }
    // The lock file is ours: only now may the socket of a dead holder be replaced.
    const listener = await listenOn(join(dir, LOCK_SOCKET));
    const mine: LockContent = {
      pid: process.pid,
      host: hostname(),
      startedAt: new Date().toISOString(),
      processStart: processStartOf(process.pid),
      bootId: currentBootId(),
      token,
      socket: listener === null ? null : join(dir, LOCK_SOCKET),
    };
    writeSync(fd, JSON.stringify(mine));
    closeSync(fd);
    heldTokens.add(token);
    const release = () => {
      heldTokens.delete(token);
      if (listener !== null) {
        listener.close();
        removeIfExists(join(dir, LOCK_SOCKET));
      }
      if (readLock(path)?.token === token) removeIfExists(path);
    };
    return { path, release };
  }
  const held = readLock(path);
  throw new DataDirLockedError(dir, held?.pid ?? -1, held?.host ?? hostname());
}

function removeIfExists(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Listens on the lock's socket, or null where sockets cannot be made there. */
async function listenOn(socketPath: string): Promise<Server | null> {
  if (process.platform === "win32" || Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) return null;
  removeIfExists(socketPath);
  const server = createServer((connection) => connection.destroy());
  return new Promise((resolvePromise) => {
    server.once("error", () => resolvePromise(null));
    server.listen(socketPath, () => {
      // The socket is a proof of life, not a reason to keep the process running.
      server.unref();
      resolvePromise(server);
    });
  });
}

export function readLock(path: string): LockContent | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (typeof parsed !== "object" || parsed === null) return null;
    const record = parsed as Record<string, unknown>;
    if (typeof record.pid !== "number" || typeof record.host !== "string") return null;
    const text = (key: string) => (typeof record[key] === "string" ? record[key] : null);
    return {
      pid: record.pid,
      host: record.host,
      startedAt: text("startedAt") ?? "",
      processStart: text("processStart"),
      bootId: text("bootId"),
      token: text("token") ?? "",
      socket: text("socket"),
    };
  } catch {
    return null;
  }
}

async function isAlive(lock: LockContent): Promise<boolean> {
  if (heldTokens.has(lock.token)) return true;
  // A lock taken on another host (shared disk) cannot be checked: respect it.
  if (lock.host !== hostname()) return true;
  // No process survives a reboot.
  const bootId = currentBootId();
  if (lock.bootId !== null && bootId !== null && lock.bootId !== bootId) return false;
  if (lock.socket !== null) return answers(lock.socket);
  // Not ours (the token says so), so a lock with our pid is a dead holder's.
  if (lock.pid === process.pid) return false;
  const start = processStartOf(lock.pid);
  if (start !== null) return lock.processStart === null || lock.processStart === start;
  if (existsProc()) return false; // /proc is there and has no such process.
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether a process accepts connections on the socket: the holder is alive. */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect(socketPath);
    socket.once("connect", () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => {
      // Refused or gone: nobody listens, the holder died. Anything else
      // (a permission problem) proves nothing: respect the lock.
      resolvePromise(error.code !== "ECONNREFUSED" && error.code !== "ENOENT");
    });
  });
}

/** Field 22 of /proc/<pid>/stat (after the parenthesised command name, which may hold spaces). */
export function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields from the 3rd on; the 22nd is at index 22 - 3.
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function existsProc(): boolean {
  return processStartOf(process.pid) !== null;
}

function currentBootId(): string | null {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return null;
  }
}
