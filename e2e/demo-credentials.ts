/**
 * The demo accounts' passwords, read from the file the server writes on its
 * first start (RUMBO_DATA_DIR/credenciales-demo.txt, server: main.ts), in the
 * data directory playwright.config.ts gives it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const CREDENTIALS_FILE = "credenciales-demo.txt";

/** Lines like `  administrador  admin@rumbo.local   Abc…   (de un solo uso: se cambia al entrar)`. */
const ACCOUNT_LINE = /^\s+(\S+)\s+(\S+@\S+)\s+(\S+)/;

export function demoPassword(email: string): string {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR no está definido: lo fija playwright.config.ts");
  const text = readFileSync(join(dataDir, CREDENTIALS_FILE), "utf8");
  for (const line of text.split("\n")) {
    const match = ACCOUNT_LINE.exec(line);
    if (match?.[2] === email && match[3] !== undefined) return match[3];
  }
  throw new Error(`${CREDENTIALS_FILE} no trae la cuenta ${email}:\n${text}`);
}
