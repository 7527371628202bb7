/**
 * The upload limits and the bounding of problem lines, with no other import:
 * `rumbo compute` bounds its problem lines without loading the workbook
 * checks (zip, core's matriz) that upload-limits.ts adds
 * (docs/decisions/0011-b-upload-limits.md).
 */

export const UPLOAD_LIMITS = {
  /** All the parts of a workbook, unzipped. */
  maxUnzippedBytes: 64 * 1024 * 1024,
  /** Parts of a workbook (sheets, styles, images…). */
  maxZipEntries: 1_000,
  /** Rows of one sheet, or of the flat CSV. */
  maxRows: 20_000,
  /** Cells of the whole file. */
  maxCells: 1_000_000,
  /** Characters of one cell: Excel's own limit. */
  maxCellChars: 32_767,
  /** Problems listed in an answer; the rest are counted. */
  maxProblems: 200,
  /** Characters of a cell quoted in a message. */
  excerptChars: 60,
} as const;

/** At most `excerptChars` characters of a text, with "…" when cut. */
export function excerpt(text: string): string {
  const chars = Array.from(text.slice(0, UPLOAD_LIMITS.excerptChars * 2));
  return chars.length > UPLOAD_LIMITS.excerptChars || text.length > chars.length
    ? `${chars.slice(0, UPLOAD_LIMITS.excerptChars).join("")}…`
    : text;
}

/** Longest line of a problem, whatever it quotes. */
const MAX_LINE_CHARS = 1_000;

/**
 * One problem line with every long quotation («…») cut to an excerpt, and the
 * line itself bounded: the readers quote whole cells, and a cell may be huge.
 */
export function boundProblemLine(line: string): string {
  const quoted = line.replace(
    new RegExp(`«([^»]{${UPLOAD_LIMITS.excerptChars + 1},})»`, "g"),
    (_all, text: string) => `«${excerpt(text)}»`,
  );
  return quoted.length > MAX_LINE_CHARS ? `${quoted.slice(0, MAX_LINE_CHARS)}…` : quoted;
}
