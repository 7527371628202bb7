import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./e2e/chromium.ts";

// The app is started exactly as the README says (`npm start`), on its own
// port and an empty data directory, so the seed plan is loaded as demo data.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const DATA_DIR = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "rumbo-e2e-"));
// Workers load this file again: through the environment they inherit the same
// directory, where the server writes the demo credentials the specs log in with.
process.env.E2E_DATA_DIR = DATA_DIR;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "es-CO",
    timezoneId: "America/Bogota",
    launchOptions: CHROMIUM_LAUNCH,
  },
  webServer: {
    command: "npm start",
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      RUMBO_DATA_DIR: DATA_DIR,
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
    },
    stdout: "ignore",
    stderr: "pipe",
  },
});
