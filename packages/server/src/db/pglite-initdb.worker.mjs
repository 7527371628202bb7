// Creates a new PGlite cluster (initdb) in a worker thread: the WASM instance
// that runs initdb holds ~400 MB, and only the end of its isolate gives that
// memory back to the system (see open-database.ts).
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const db = await PGlite.create(workerData.pgdata, workerData.options);
await db.close();
parentPort?.postMessage("ok");
