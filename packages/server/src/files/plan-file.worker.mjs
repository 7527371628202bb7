// Reads uploaded plan files off the server's event loop (plan-file-worker-pool.ts):
// unzipping and parsing a big workbook takes seconds of CPU that would
// otherwise stall every other request. The server runs from its TypeScript
// sources (ADR 0001), so the worker loads them through tsx as bin/ does.
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { checkPlanFile } = await import("./plan-files.ts");
const { readReportFile } = await import("./report-file.ts");

parentPort?.on("message", async ({ id, kind, bytes, fileName, format }) => {
  try {
    const check =
      kind === "reports"
        ? await readReportFile(bytes, fileName, format)
        : await checkPlanFile(bytes, fileName, format);
    const heapMb = getHeapStatistics().used_heap_size / 1024 / 1024;
    parentPort?.postMessage({ id, check, heapMb });
  } catch (error) {
    parentPort?.postMessage({ id, failure: error instanceof Error ? error.stack : String(error) });
  }
});
parentPort?.postMessage({ ready: true });
