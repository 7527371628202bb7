/**
 * Files the server reads beside its code (migrations, the PGlite worker),
 * found from the package folder. This module sits directly in src/, at the
 * depth of the compiled files in dist/, so `..` is the package folder both
 * when it runs from the sources (tests) and from the bundle.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const SERVER_ROOT = fileURLToPath(new URL("../", import.meta.url));

export function serverPath(...segments: string[]): string {
  return join(SERVER_ROOT, ...segments);
}
