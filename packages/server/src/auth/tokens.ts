import { createHash, randomBytes } from "node:crypto";

/** A 256-bit random token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens are stored only as their SHA-256: a copy of the database opens no session. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A one-time password: 20 characters without look-alikes (0/O, 1/l/I), ~115 bits. */
export function newOneTimePassword(): string {
  const bytes = randomBytes(40);
  let out = "";
  for (const b of bytes) {
    // 220 = 4 × 55: rejecting bytes ≥ 220 keeps every character equally likely.
    if (b < 220) out += PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length];
    if (out.length === 20) break;
  }
  return out.length === 20 ? out : newOneTimePassword();
}
