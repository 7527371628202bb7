/**
 * Text files as people's tools save them. Excel's "Texto Unicode (.txt)" and
 * some exports save UTF-16, with or without a byte order mark; read as UTF-8
 * their every other byte is a NUL and no column name would match. Decoding
 * bytes is the server's and the CLI's job; core reads text.
 */

export type Utf16 = "utf-16le" | "utf-16be";

/** UTF-16 by its byte order mark, or by the NULs of mostly-ASCII text without one. */
export function utf16Of(bytes: Uint8Array): Utf16 | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  // Without a mark: ASCII letters in UTF-16 put a NUL in every other byte.
  const sample = Math.min(bytes.length, 4096);
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const pairs = sample / 2;
  if (oddNuls > pairs * 0.6 && evenNuls < pairs * 0.05) return "utf-16le";
  if (evenNuls > pairs * 0.6 && oddNuls < pairs * 0.05) return "utf-16be";
  return null;
}

/** The text of UTF-16 bytes, without the byte order mark. */
function decodeUtf16(bytes: Uint8Array, encoding: Utf16): string {
  return new TextDecoder(encoding).decode(bytes);
}

/** UTF-16 (detected) or UTF-8, invalid bytes as U+FFFD: what reading as "utf8" gave before. */
export function decodeTextBytes(bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  if (utf16 !== null) return decodeUtf16(bytes, utf16);
  return new TextDecoder("utf-8").decode(bytes);
}

/**
 * UTF-16 (detected), UTF-8, or Windows-1252 when the bytes are not UTF-8: a
 * Spanish Excel saves "CSV (delimitado por comas)" in the Windows code page,
 * and its accents must not turn into question marks.
 */
export function decodeSpreadsheetText(bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  if (utf16 !== null) return decodeUtf16(bytes, utf16);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
