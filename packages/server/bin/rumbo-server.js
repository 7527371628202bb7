#!/usr/bin/env node
// Starts the Rumbo server from its TypeScript sources (ADR 0001: no build step for the server).
import { register } from "tsx/esm/api";

register();
const { runServer } = await import("../src/main.ts");
await runServer();
