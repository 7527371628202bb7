#!/usr/bin/env node
// Captures the README screenshot from a running Rumbo:
//   node scripts/screenshot.mjs http://127.0.0.1:3000/ docs/screenshot.png
import { chromium } from "@playwright/test";

const [url = "http://127.0.0.1:3000/", out = "docs/screenshot.png"] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "es-CO" });
await page.goto(url);
await page.getByRole("heading", { level: 3 }).first().waitFor();
await page.screenshot({ path: out });
await browser.close();
