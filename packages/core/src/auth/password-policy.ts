/**
 * Password rules after NIST SP 800-63B §5.1.1.2: length and a blocklist, no
 * composition rules (no "one capital, one digit, one symbol"), because those
 * push people to "Colombia2024!" while a long personal phrase is both easier
 * to remember and harder to guess. Spaces and any Unicode are allowed and
 * nothing is trimmed or truncated.
 */
import { COMMON_PASSWORDS } from "./common-passwords.ts";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const PASSWORD_MESSAGES = {
  tooShort: `La contraseña debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres.`,
  tooLong: `La contraseña no puede tener más de ${PASSWORD_MAX_LENGTH} caracteres.`,
  common: "La contraseña es demasiado común; elija una frase más larga y propia.",
  repeated:
    "La contraseña no puede ser un mismo carácter o grupo corto repetido (como «aaaaaaaaaaaa» o «abcabcabcabc»).",
  sequence:
    "La contraseña no puede ser una secuencia simple (como «123456789012» o «abcdefghijkl»).",
  email: "La contraseña no puede contener su correo electrónico.",
  name: "La contraseña no puede contener su nombre.",
} as const;

/** Personal words shorter than this would reject too many honest phrases ("Ana", "luz"). */
const MIN_PERSONAL_LENGTH = 4;
/** A block of up to this many characters repeated at least 3 times is not a phrase. */
const MAX_REPEATED_BLOCK = 4;

/** Lower case without accents, so "Contraseña" and "CONTRASENA" compare equal. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
}

const COMMON = new Set(COMMON_PASSWORDS.map(fold));

/**
 * Problems with a new password, in Spanish, for the user to read; empty when
 * the password is acceptable. Length is counted in Unicode code points after
 * NFC, so "contraseña" typed with a combining tilde counts the same as with ñ.
 */
export function checkPassword(
  password: string,
  context: { email: string; name: string },
): string[] {
  const text = password.normalize("NFC");
  const length = [...text].length;
  const problems: string[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push(PASSWORD_MESSAGES.tooShort);
  // Nothing else is worth computing on a text that will be refused anyway.
  if (length > PASSWORD_MAX_LENGTH) return [PASSWORD_MESSAGES.tooLong];

  const folded = fold(text);
  if (isCommon(folded)) problems.push(PASSWORD_MESSAGES.common);
  else if (isRepeated(folded)) problems.push(PASSWORD_MESSAGES.repeated);
  else if (isSequence(folded)) problems.push(PASSWORD_MESSAGES.sequence);

  if (containsAny(folded, emailWords(context.email))) problems.push(PASSWORD_MESSAGES.email);
  if (containsAny(folded, nameWords(context.name))) problems.push(PASSWORD_MESSAGES.name);
  return problems;
}

/**
 * In the list, or a listed word padded with digits and symbols
 * ("Administrador2024!", "#rumbo12345678"): padding adds little to a guess.
 */
function isCommon(folded: string): boolean {
  if (COMMON.has(folded)) return true;
  const core = folded.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  return core !== "" && COMMON.has(core);
}

/** One character, or a block of up to 4, repeated over the whole password. */
function isRepeated(folded: string): boolean {
  const chars = [...folded];
  for (let block = 1; block <= MAX_REPEATED_BLOCK; block++) {
    if (chars.length < block * 3) break;
    if (chars.every((char, i) => i < block || char === chars[i - block])) return true;
  }
  return false;
}

/**
 * Each character one step after (or before) the previous one: "abcdefghijkl",
 * "lkjihgfedcba", and digits wrapping 9 → 0 as people type them on a keypad
 * ("123456789012", "987654321098").
 */
function isSequence(folded: string): boolean {
  const points = [...folded].map((char) => char.codePointAt(0) ?? 0);
  if (points.length < 3) return false;
  return [1, -1].some((step) =>
    points.every((point, i) => {
      const previous = points[i - 1];
      return previous === undefined || point === nextInSequence(previous, step);
    }),
  );
}

const ZERO = 0x30;
const NINE = 0x39;

function nextInSequence(point: number, step: number): number {
  if (point >= ZERO && point <= NINE) return ZERO + ((point - ZERO + step + 10) % 10);
  return point + step;
}

function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");
}

/** The local part as typed ("juan.perez"), joined ("juanperez") and each piece ("perez"). */
function emailWords(email: string): string[] {
  const at = email.lastIndexOf("@");
  const local = fold(at === -1 ? email : email.slice(0, at)).trim();
  const pieces = words(local);
  return [local, pieces.join(""), ...pieces];
}

/** The whole name joined ("mariajose") and each part ("maria", "rodriguez"). */
function nameWords(name: string): string[] {
  const parts = words(name);
  return [parts.join(""), ...parts];
}

/** Separators are ignored in the password too, so "María-José" is found in "maria.jose". */
function containsAny(folded: string, candidates: readonly string[]): boolean {
  const compact = folded.replace(/[^\p{L}\p{N}]/gu, "");
  return candidates.some(
    (word) =>
      [...word].length >= MIN_PERSONAL_LENGTH && (folded.includes(word) || compact.includes(word)),
  );
}
