/**
 * The bounds every input of Rumbo respects, defined once: the API contracts
 * (api/primitives.ts) and the plan readers (JSON, matriz, CSV) read them, so a
 * value that passes validation always fits the database. PostgreSQL's
 * `integer` is 32-bit, its `text` refuses U+0000 and its UTF-8 encoding refuses
 * half of a UTF-16 surrogate pair.
 */

/** The largest value of an `integer` (int4) column: ids and version numbers. */
export const INT32_MAX = 2_147_483_647;

/** The most vigencias a plan may have (a four-year plan has 4; room for long-range plans). */
export const MAX_VIGENCIAS = 50;

/** Years of a plan, of a línea base, and dates of filters and versions stay in this range. */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2200;
export const DATE_MIN = `${YEAR_MIN}-01-01`;
export const DATE_MAX = `${YEAR_MAX}-12-31`;

/** A year within YEAR_MIN..YEAR_MAX. */
export function isSaneYear(value: number): boolean {
  return Number.isInteger(value) && value >= YEAR_MIN && value <= YEAR_MAX;
}

/** An AAAA-MM-DD date within DATE_MIN..DATE_MAX (ISO dates compare as text). */
export function isSaneDate(date: string): boolean {
  return date >= DATE_MIN && date <= DATE_MAX;
}

/**
 * What makes a text unstorable, in the user's words, or null when it is fine:
 * the NUL character (U+0000, «_x0000_» in a spreadsheet) or half of a UTF-16
 * surrogate pair (a broken emoji or a bad copy and paste).
 */
export function forbiddenCharacter(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return "el carácter nulo (U+0000)";
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return "un carácter incompleto (medio par sustituto UTF-16)";
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      return "un carácter incompleto (medio par sustituto UTF-16)";
    }
  }
  return null;
}
