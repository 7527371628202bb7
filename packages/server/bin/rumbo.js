#!/usr/bin/env node
// The `rumbo` command (npx rumbo …): runs the compiled CLI (dist/cli.js),
// compiling it first when it is missing or older than the sources
// (docs/decisions/0012-e-compiled-build.md).
import { ensureBuilt } from "../../../scripts/build.mjs";

await ensureBuilt(["server"]);
const { runCli } = await import("../dist/cli.js");
process.exitCode = await runCli(process.argv.slice(2));
