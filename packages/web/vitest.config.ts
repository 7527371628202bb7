import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  test: {
    name: "web",
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "jsdom",
    // Page tests render whole forms in jsdom; on a busy two-core machine 5 s is too tight.
    testTimeout: 30_000,
  },
});
