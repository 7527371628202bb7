/**
 * Vitest global set-up of the server project: the tests that run `rumbo` as a
 * child process run the compiled CLI, so it is built once before any of them
 * starts, instead of by whichever child runs first (its notice on stderr would
 * then land in one test's output, and parallel children would build at once).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function buildServerOnce(): void {
  const script = fileURLToPath(new URL("../../../../scripts/build.mjs", import.meta.url));
  const build = spawnSync(process.execPath, [script, "server"], { encoding: "utf8" });
  if (build.status !== 0) {
    throw new Error(`no se pudo compilar el servidor para las pruebas:\n${build.stderr}`);
  }
}
