// Captures the README screenshot from a running Rumbo:
//   node --import tsx scripts/screenshot.ts http://127.0.0.1:3000/ docs/screenshot.png
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../e2e/chromium.ts";

const [url = "http://127.0.0.1:3000/", out = "docs/screenshot.png"] = process.argv.slice(2);
const browser = await chromium.launch(CHROMIUM_LAUNCH);
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "es-CO" });
await page.goto(url);
await page.getByRole("heading", { level: 3 }).first().waitFor();
await page.screenshot({ path: out });
await browser.close();
