#!/usr/bin/env node
// `npm start`: builds the web and the server when missing or older than their
// sources (nothing when nothing changed), then runs the compiled server
// (docs/decisions/0012-e-compiled-build.md).
import { ensureBuilt } from "../../../scripts/build.mjs";

await ensureBuilt(["web", "server"]);
const { runServer } = await import("../dist/server.js");
await runServer();
