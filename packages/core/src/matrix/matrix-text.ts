/**
 * Text cells of the matrix. A spreadsheet runs a cell that starts with =, +,
 * -, @, tab or carriage return as a formula once someone edits or re-saves it
 * (CSV/formula injection), so every exported text that starts with one of
 * those gets a leading apostrophe. The importer removes exactly one leading
 * apostrophe, so text that itself starts with an apostrophe is protected too,
 * and the round trip is exact. An empty cell is an absent field; an empty or
 * blank text ("" or spaces) gets the apostrophe too, so it is not read as absent.
 */

const NEEDS_PROTECTION = /^[=+\-@\t\r']/;

/** The cell text for a plan text: `=HYPERLINK(…)` → `'=HYPERLINK(…)`, "" → `'`. */
export function protectText(text: string): string {
  return text.trim() === "" || NEEDS_PROTECTION.test(text) ? `'${text}` : text;
}

/** The plan text of a protected cell text: removes one leading apostrophe. */
export function unprotectText(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}
