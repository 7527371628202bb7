#!/usr/bin/env node
// The `rumbo` command (npx rumbo …), run from its TypeScript sources.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli.ts");
process.exitCode = await runCli(process.argv.slice(2));
