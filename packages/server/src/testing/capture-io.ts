import { readFile } from "node:fs/promises";
import type { CliIo } from "../cli/cli-io.ts";
import { decodeTextBytes } from "../files/text-bytes.ts";

/** A CLI io that keeps what a command prints, for in-process command tests. */
export function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (s: string) => {
      io.out += s;
    },
    stderr: (s: string) => {
      io.err += s;
    },
    readFile: async (path: string) => decodeTextBytes(await readFile(path)),
  };
  return io;
}
