import { defineConfig } from "vitest/config";

// One vitest run covers every package; each package is a project so it can
// be run alone (`npm test -w @rumbo/core`).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "core",
          root: "packages/core",
          include: ["src/**/*.test.ts"],
          environment: "node",
          // Property tests run hundreds of cases; on a busy two-core machine 5 s is too tight.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "server",
          root: "packages/server",
          include: ["src/**/*.test.ts"],
          globalSetup: ["src/testing/build-once.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      "packages/web/vitest.config.ts",
    ],
  },
});
