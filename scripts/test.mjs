#!/usr/bin/env node
// `npm test`: every check the README promises, in order — lint, typecheck,
// unit/integration tests (vitest: core, server on PGlite and PostgreSQL, web)
// and browser tests (Playwright on Debian's chromium). Every stage runs even
// when an earlier one fails, and the last line is the count CI reads:
// `N passed, N failed`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const only = process.argv.slice(2);
const stages = [
  { name: "lint", cmd: ["npx", "biome", "check", "."] },
  { name: "typecheck", cmd: ["npm", "run", "--silent", "typecheck"] },
  {
    name: "vitest",
    cmd: [
      "npx",
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      "--outputFile.json=reports/vitest.json",
    ],
    report: "reports/vitest.json",
    // A file that fails to load has no failed test but fails the run: count it once.
    count: (r) => ({
      passed: r.numPassedTests,
      failed:
        r.numFailedTests +
        r.testResults.filter(
          (f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"),
        ).length,
    }),
  },
  {
    name: "e2e",
    cmd: ["npx", "playwright", "test"],
    report: "reports/playwright.json",
    count: (r) => ({
      passed: r.stats.expected + r.stats.flaky,
      failed: r.stats.unexpected + (r.errors?.length ?? 0),
    }),
  },
].filter((s) => only.length === 0 || only.includes(s.name));

mkdirSync("reports", { recursive: true });
let passed = 0;
let failed = 0;
const summary = [];
for (const stage of stages) {
  if (stage.report) rmSync(stage.report, { force: true });
  process.stdout.write(`\n=== ${stage.name}: ${stage.cmd.join(" ")}\n`);
  const run = spawnSync(stage.cmd[0], stage.cmd.slice(1), { stdio: "inherit" });
  const ok = run.status === 0;
  if (stage.report) {
    let counts = { passed: 0, failed: 1 };
    if (existsSync(stage.report)) {
      try {
        counts = stage.count(JSON.parse(readFileSync(stage.report, "utf8")));
      } catch {
        // An unreadable report counts as one failure below.
      }
    }
    // A runner that failed without reporting a failed test still fails the run.
    if (!ok && counts.failed === 0) counts.failed = 1;
    passed += counts.passed;
    failed += counts.failed;
    summary.push(`${stage.name}: ${counts.passed} passed, ${counts.failed} failed`);
  } else {
    // Lint and typecheck count as one check each.
    if (ok) passed += 1;
    else failed += 1;
    summary.push(`${stage.name}: ${ok ? "ok" : "FAILED"}`);
  }
}
process.stdout.write(`\n${summary.join("\n")}\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
