/**
 * The heap a process keeps after a full garbage collection: what a fuzz run
 * compares before and after, so memory that only grows (a cache without a
 * bound, a listener never removed, a worker never ended) shows up. Works with
 * or without `--expose-gc`.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return exposed;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** heapUsed in bytes after collecting until it settles (three rounds, letting finalizers run). */
export async function heapUsedAfterGc(): Promise<number> {
  const gc = collector();
  for (let round = 0; round < 3; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

export const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
