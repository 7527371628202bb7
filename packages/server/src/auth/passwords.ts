/**
 * Password hashing with argon2id at OWASP's recommended minimum
 * (19 MiB, 2 iterations, 1 lane): about 30 ms here, slow enough for offline
 * attacks, fast enough for a login. The native argon2 module is loaded on the
 * first hash or check, not when the server or the CLI starts.
 */
const argon2 = () => import("@node-rs/argon2");

export const ARGON2_PARAMS = {
  // Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2();
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  const { verify } = await argon2();
  try {
    return await verify(storedHash, password);
  } catch {
    // A malformed stored hash never lets anyone in.
    return false;
  }
}

// Verified against when the account does not exist, so an unknown email costs
// the same time as a wrong password (no account enumeration by timing).
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("rumbo-cuenta-inexistente-para-igualar-tiempos");
  await verifyPassword(await dummyHash, password);
}
