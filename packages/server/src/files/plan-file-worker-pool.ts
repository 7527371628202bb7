/**
 * checkPlanFile (and readReportFile, the bulk load of reportes de avance) in
 * a worker thread, so reading an uploaded file never stalls
 * the server's event loop (docs/decisions/0011-b-upload-limits.md). One
 * worker, started on the first upload and kept for the next ones; files are
 * read one after another. The worker has its own memory ceiling and a time
 * limit: a file that exceeds either ends the worker, not the server, and the
 * next upload gets a fresh one. A worker that grew big is also replaced, so
 * its memory goes back to the system.
 */
import { Worker } from "node:worker_threads";
import { serverPath } from "../package-root.ts";
import type { PlanFileCheck, PlanFileFormat } from "./plan-files.ts";
import type { ReportFileFormat, ReportFileRead } from "./report-file.ts";

export const WORKER_LIMITS = {
  /** The worker's heap ceiling; a 64 MB workbook needs well under it. */
  maxHeapMb: 1_024,
  /** Time to read one file. */
  timeoutMs: 60_000,
  /** A worker whose heap ends a task above this is replaced. */
  recycleHeapMb: 256,
} as const;

/** The file could not be read within the worker's memory or time. */
export class PlanFileTooComplexError extends Error {
  readonly code = "FILE_TOO_COMPLEX";
}

/** What the worker reads: a plan file, or the file of a bulk load of reports. */
type Job =
  | { kind: "plan"; bytes: Uint8Array; fileName: string; format: PlanFileFormat }
  | { kind: "reports"; bytes: Uint8Array; fileName: string; format: ReportFileFormat };

type Task = Job & {
  resolve: (check: unknown) => void;
  reject: (error: Error) => void;
};

type Reply =
  | { ready: true }
  | { id: number; check: unknown; heapMb: number }
  | { id: number; failure: string };

let worker: Worker | null = null;
let ready: Promise<void> | null = null;
let nextId = 1;
const queue: Task[] = [];
let busy = false;

export function checkPlanFileOffThread(
  bytes: Uint8Array,
  fileName: string,
  format: PlanFileFormat,
): Promise<PlanFileCheck> {
  return enqueue({ kind: "plan", bytes, fileName, format }) as Promise<PlanFileCheck>;
}

/** readReportFile (report-file.ts) off the event loop, with the same limits. */
export function readReportFileOffThread(
  bytes: Uint8Array,
  fileName: string,
  format: ReportFileFormat,
): Promise<ReportFileRead> {
  return enqueue({ kind: "reports", bytes, fileName, format }) as Promise<ReportFileRead>;
}

function enqueue(job: Job): Promise<unknown> {
  return new Promise((resolve, reject) => {
    queue.push({ ...job, resolve, reject });
    void drain();
  });
}

async function drain(): Promise<void> {
  if (busy) return;
  const task = queue.shift();
  if (task === undefined) return;
  busy = true;
  try {
    task.resolve(await run(task));
  } catch (error) {
    task.reject(error as Error);
  } finally {
    busy = false;
    void drain();
  }
}

function start(): { worker: Worker; ready: Promise<void> } {
  // Found from the package folder: the same file from the sources and from dist/.
  const started = new Worker(serverPath("src/files/plan-file.worker.mjs"), {
    resourceLimits: { maxOldGenerationSizeMb: WORKER_LIMITS.maxHeapMb },
  });
  const isReady = new Promise<void>((resolve, reject) => {
    const onMessage = (reply: Reply) => {
      if ("ready" in reply) {
        started.off("error", reject);
        resolve();
      }
    };
    started.on("message", onMessage);
    started.once("error", reject);
    started.once("exit", (code) => reject(new Error(`el lector de archivos terminó (${code})`)));
  });
  return { worker: started, ready: isReady };
}

function stop(): void {
  const stopping = worker;
  worker = null;
  ready = null;
  void stopping?.terminate();
}

async function run(task: Task): Promise<unknown> {
  if (worker === null || ready === null) ({ worker, ready } = start());
  const current = worker;
  current.ref();
  try {
    try {
      await ready;
    } catch (error) {
      stop();
      throw error;
    }
    const id = nextId++;
    return await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(tooComplex(task, "tiempo"));
      }, WORKER_LIMITS.timeoutMs);
      const cleanUp = () => {
        clearTimeout(timer);
        current.off("message", onMessage);
        current.off("error", onError);
        current.off("exit", onExit);
      };
      const onMessage = (reply: Reply) => {
        if ("ready" in reply || reply.id !== id) return;
        cleanUp();
        if ("failure" in reply) {
          stop();
          reject(new Error(`el lector de archivos falló: ${reply.failure}`));
          return;
        }
        if (reply.heapMb > WORKER_LIMITS.recycleHeapMb) stop();
        resolve(reply.check);
      };
      const onError = (error: Error & { code?: string }) => {
        cleanUp();
        stop();
        reject(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? tooComplex(task, "memoria") : error);
      };
      const onExit = () => {
        cleanUp();
        stop();
        reject(tooComplex(task, "memoria"));
      };
      current.on("message", onMessage);
      current.once("error", onError);
      current.once("exit", onExit);
      current.postMessage({
        id,
        kind: task.kind,
        bytes: task.bytes,
        fileName: task.fileName,
        format: task.format,
      });
    });
  } finally {
    // An idle worker does not keep the process alive (tests, the CLI, shutdown).
    current.unref();
  }
}

function tooComplex(task: Task, what: "memoria" | "tiempo"): PlanFileTooComplexError {
  const limit =
    what === "memoria"
      ? `${WORKER_LIMITS.maxHeapMb} MB de memoria`
      : `${WORKER_LIMITS.timeoutMs / 1000} segundos`;
  return new PlanFileTooComplexError(
    task.kind === "plan"
      ? `${task.fileName} no se pudo leer dentro del límite de ${limit} del servidor. Divida el plan o quite filas, hojas y formatos que no son de la matriz.`
      : `${task.fileName} no se pudo leer dentro del límite de ${limit} del servidor. Divida la carga en varios archivos o quite hojas y formatos que no hacen falta.`,
  );
}
