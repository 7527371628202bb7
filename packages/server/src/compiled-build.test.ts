import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DIST = join(ROOT, "packages/server/dist");
const HEAVY = ["exceljs", "pg", "@electric-sql/pglite", "@node-rs/argon2", "drizzle-orm/pglite"];

/** Every package a compiled file loads before its code runs: static imports, followed through chunks. */
function staticPackages(entry: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(entry)) return packages;
  seen.add(entry);
  const code = readFileSync(join(DIST, entry), "utf8");
  for (const match of code.matchAll(
    /(?:^|[\s;])(?:import|export)\b(?:[^;("']*?from)?\s*"([^"]+)"/g,
  )) {
    const specifier = match[1] ?? "";
    if (specifier.startsWith("./")) {
      for (const name of staticPackages(specifier.slice(2), seen)) packages.add(name);
    } else packages.add(specifier);
  }
  return packages;
}

function chunkOf(prefix: string): string {
  const file = readdirSync(DIST).find((name) => name.startsWith(prefix) && name.endsWith(".js"));
  if (file === undefined) throw new Error(`no hay ${prefix}*.js en dist/`);
  return file;
}

describe("Rumbo compilado carga lo pesado solo donde se usa", () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs"), "server"], {
      encoding: "utf8",
    });
    expect(build.status, build.stderr).toBe(0);
  });

  it("rumbo --help no carga la base de datos, exceljs ni argon2", () => {
    const loaded = staticPackages("cli.js");
    for (const name of HEAVY) expect(loaded).not.toContain(name);
    expect(loaded).not.toContain("zod");
  });

  it("rumbo compute tampoco: solo el motor de core, sin zod ni los contratos de la API", () => {
    const loaded = staticPackages(chunkOf("compute-command-"));
    for (const name of HEAVY) expect(loaded).not.toContain(name);
    // zod and the API schemas (core/src/api) cost more to load than the bare
    // node process rumbo compute is measured against (docs/benchmarks.md).
    expect(loaded).not.toContain("zod");
    expect([...loaded].filter((name) => !name.startsWith("node:"))).toEqual([]);
  });

  it("el servidor abre PGlite o pg al abrir la base y exceljs y argon2 al usarlos", () => {
    const loaded = staticPackages("server.js");
    for (const name of HEAVY) expect(loaded).not.toContain(name);
    expect(loaded).toContain("fastify");
  });
});
