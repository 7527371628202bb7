/**
 * Runs `rumbo compute` in this process and prints its peak memory on stderr
 * (`maxRSS_KB=…`), for machines without `/usr/bin/time`.
 */
import { readFile } from "node:fs/promises";
import { computeCommand } from "../packages/server/src/cli/compute-command.ts";

const [, ...args] = process.argv.slice(2);
process.exitCode = await computeCommand(args, {
  stdout: (s) => {
    process.stdout.write(s);
  },
  stderr: (s) => {
    process.stderr.write(s);
  },
  readFile: (path) => readFile(path, "utf8"),
});
process.stderr.write(`maxRSS_KB=${process.resourceUsage().maxRSS}\n`);
