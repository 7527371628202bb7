/**
 * Runs `compute` or `explain` as a process: `node --import tsx
 * packages/server/src/cli/compute-main.ts compute --plan …`, from the sources:
 * tests run it as a child process. The `rumbo` bin runs the compiled cli.ts.
 */
import { readFile } from "node:fs/promises";
import { decodeTextBytes } from "../files/text-bytes.ts";
import { type CliIo, reportInternalError } from "./cli-io.ts";
import { computeCommand, explainCommand } from "./compute-command.ts";

const io: CliIo = {
  stdout: (s) => {
    process.stdout.write(s);
  },
  stderr: (s) => {
    process.stderr.write(s);
  },
  readFile: async (path) => decodeTextBytes(await readFile(path)),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === "compute") return computeCommand(args, io);
  if (command === "explain") return explainCommand(args, io);
  io.stderr(`rumbo: comando desconocido "${command ?? ""}" (se espera compute o explain)\n`);
  return 2;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.exitCode = reportInternalError(io, error, process.env);
}
