#!/usr/bin/env node
// Builds what Rumbo runs: the server and the `rumbo` CLI as JavaScript
// (packages/server/dist, an esbuild bundle with @rumbo/core inside) and the web
// (packages/web/dist, Vite). Each output keeps a stamp: a fingerprint of its
// inputs (every source file's path, size and modification time). `ensureBuilt`
// rebuilds only an output whose stamp no longer matches, so a start with
// nothing changed compiles nothing (docs/decisions/0012-e-compiled-build.md).
//
//   node scripts/build.mjs            # build what is missing or stale
//   node scripts/build.mjs --force    # build everything
//   node scripts/build.mjs server     # only one target: server | web
//
// This module is imported by packages/server/bin/*.js on every start: at the
// top it loads only node:* modules; esbuild and Vite are loaded when a build runs.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SERVER = join(ROOT, "packages/server");
const WEB = join(ROOT, "packages/web");
const CORE = join(ROOT, "packages/core");
const STAMP = ".build-stamp";
const BUILD_SCRIPT = fileURLToPath(import.meta.url);

/**
 * What each output is built from. Directories are walked whole, so a new
 * source file is picked up without a list to keep; tests are left out (they
 * never reach a bundle), as are installed packages.
 */
const TARGETS = {
  server: {
    label: "el servidor y la línea de comandos",
    out: join(SERVER, "dist"),
    inputs: [
      join(SERVER, "src"),
      join(SERVER, "package.json"),
      join(CORE, "src"),
      join(CORE, "package.json"),
      BUILD_SCRIPT,
    ],
    build: buildServer,
  },
  web: {
    label: "la aplicación web",
    out: join(WEB, "dist"),
    inputs: [
      join(WEB, "src"),
      join(WEB, "public"),
      join(WEB, "index.html"),
      join(WEB, "vite.config.ts"),
      join(WEB, "package.json"),
      join(CORE, "src"),
      join(CORE, "package.json"),
      BUILD_SCRIPT,
    ],
    build: buildWeb,
  },
};

const isTest = (name) => /\.test\.[cm]?[jt]sx?$/.test(name);

// Runs on every start of the CLI: plain string paths and one stat per file,
// no path normalisation (a few milliseconds for the ~300 source files).
function collect(path, entries) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return; // an optional input (public/) that does not exist
  }
  if (!stat.isDirectory()) {
    entries.push(`${path.slice(ROOT.length)}\t${stat.size}\t${stat.mtimeMs}`);
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const name = entry.name;
    if (name === "node_modules" || name === "dist" || name.startsWith(".") || isTest(name)) {
      continue;
    }
    const child = `${path}/${name}`;
    if (entry.isDirectory()) collect(child, entries);
    else if (entry.isFile()) {
      const file = statSync(child);
      entries.push(`${child.slice(ROOT.length)}\t${file.size}\t${file.mtimeMs}`);
    }
  }
}

/**
 * Every input's path, size and mtime, one per line: any edit, new or deleted
 * file changes it. Kept whole rather than hashed (node:crypto alone costs more
 * to load than the walk), which also shows what a build was made from.
 */
export function fingerprint(target) {
  const entries = [];
  for (const input of TARGETS[target].inputs) collect(input, entries);
  entries.sort();
  return `node ${process.versions.node}\n${entries.join("\n")}`;
}

function readStamp(out) {
  try {
    return readFileSync(join(out, STAMP), "utf8").trimEnd();
  } catch {
    return null;
  }
}

/** Whether `target`'s output exists and was built from the current sources. */
export function isFresh(target) {
  return readStamp(TARGETS[target].out) === fingerprint(target);
}

/**
 * Builds each target that is missing or stale, one line on stderr for each
 * build (stdout is the CLI's output). Returns the targets it built.
 */
export async function ensureBuilt(targets, options = {}) {
  const built = [];
  for (const name of targets) {
    const target = TARGETS[name];
    const stamp = fingerprint(name);
    if (options.force !== true && readStamp(target.out) === stamp) continue;
    const started = performance.now();
    process.stderr.write(`rumbo: compilando ${target.label}…`);
    try {
      await target.build();
    } catch (error) {
      // An install without development packages (npm ci --omit=dev) has no
      // esbuild or Vite: it runs what `npm run build` left, if anything.
      const missingTool = error?.code === "ERR_MODULE_NOT_FOUND";
      if (missingTool && existsSync(target.out)) {
        process.stderr.write(
          ` no se puede (${error.message.split("\n")[0]}); se usa lo ya compilado\n`,
        );
        continue;
      }
      process.stderr.write("\n");
      throw error;
    }
    writeFileSync(join(target.out, STAMP), `${stamp}\n`);
    process.stderr.write(` listo en ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    built.push(name);
  }
  return built;
}

/**
 * One ESM bundle per entry point (the server, the CLI) with @rumbo/core
 * compiled in; installed packages stay imports. Code splitting keeps each
 * `import()` of the sources its own file, so a command loads only what it uses.
 * Output files sit directly in dist/, at the depth of src/: paths the code
 * builds from `import.meta.url` (the package root, the web's dist, the seeds)
 * resolve the same from the sources and from the bundle.
 */
async function buildServer() {
  const { build } = await import("esbuild");
  const out = TARGETS.server.out;
  // Built beside dist/ and swapped in: a process starting meanwhile never
  // sees half a bundle.
  const temporary = `${out}.tmp-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  try {
    const { metafile } = await build({
      absWorkingDir: SERVER,
      metafile: true,
      entryPoints: { server: "src/main.ts", cli: "src/cli.ts" },
      outdir: temporary,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: "linked",
      logLevel: "warning",
      plugins: [
        {
          name: "rumbo-packages-external",
          setup(esbuild) {
            // Installed packages are JavaScript already: loaded from node_modules
            // at run time. Workspace packages (@rumbo/*) are TypeScript: compiled in.
            esbuild.onResolve({ filter: /^[^./]/ }, (args) =>
              args.path.startsWith("@rumbo/") ? undefined : { path: args.path, external: true },
            );
          },
        },
      ],
    });
    checkImportMetaUrl(Object.keys(metafile.inputs));
    const old = `${out}.old-${process.pid}`;
    try {
      renameSync(out, old);
    } catch (error) {
      if (error.code !== "ENOENT") throw error; // no build yet, or another process moved it
    }
    try {
      renameSync(temporary, out);
    } catch (error) {
      // Another process (two tests starting the CLI at once) swapped in its
      // build of the same sources first: keep that one.
      if (!existsSync(out)) throw error;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

/**
 * A module that finds files from `import.meta.url` must sit directly in
 * packages/server/src (the depth of dist/): deeper, its relative path would
 * point elsewhere from the bundle. Found at build time, not in production.
 */
function checkImportMetaUrl(inputs) {
  const misplaced = inputs.filter((input) => {
    if (input.includes("node_modules") || /^src\/[^/]+$/.test(input)) return false;
    return readFileSync(join(SERVER, input), "utf8").includes("import.meta.url");
  });
  if (misplaced.length > 0) {
    throw new Error(
      `import.meta.url fuera de packages/server/src/*.ts no resuelve igual desde dist/: ${misplaced.join(", ")}. ` +
        "Use serverPath() de src/package-root.ts.",
    );
  }
}

async function buildWeb() {
  const { build } = await import("vite");
  mkdirSync(TARGETS.web.out, { recursive: true });
  await build({
    root: WEB,
    configFile: join(WEB, "vite.config.ts"),
    logLevel: "warn",
    // Rolldown's note on plugin timings is advice for the plugin authors, not a warning here.
    build: { rolldownOptions: { checks: { pluginTimings: false } } },
  });
  // Each script and style sheet also gzipped beside it: the server sends the
  // .gz to a browser that accepts it (@fastify/static preCompressed), a third
  // of the bytes, compressed once here rather than on every request.
  const { gzipSync, constants } = await import("node:zlib");
  const assets = join(TARGETS.web.out, "assets");
  for (const name of readdirSync(assets)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const bytes = readFileSync(join(assets, name));
    writeFileSync(
      join(assets, `${name}.gz`),
      gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }),
    );
  }
}

if (process.argv[1] === BUILD_SCRIPT) {
  const args = process.argv.slice(2);
  const named = args.filter((arg) => arg in TARGETS);
  const unknown = args.filter((arg) => !(arg in TARGETS) && arg !== "--force");
  if (unknown.length > 0) {
    process.stderr.write(`uso: node scripts/build.mjs [--force] [server] [web]\n`);
    process.exit(2);
  }
  const built = await ensureBuilt(named.length > 0 ? named : Object.keys(TARGETS), {
    force: args.includes("--force"),
  });
  if (built.length === 0) process.stderr.write("rumbo: todo está compilado y al día\n");
}
