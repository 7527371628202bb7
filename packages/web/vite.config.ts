import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The server (packages/server) serves dist/ at / and the API under /api on the
// same origin; in development Vite forwards /api to it.
const api = { "/api": { target: "http://127.0.0.1:3000" } };

export default defineConfig({
  plugins: [react()],
  server: { proxy: api },
  preview: { proxy: api },
  // The manifest tells which chunks load up front and which on demand (bench/web-bundle.bench.ts).
  build: { outDir: "dist", emptyOutDir: true, manifest: true },
});
