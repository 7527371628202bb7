/** Exhaustive switches end here: adding a case without handling it fails to compile. */
export function assertUnreachable(value: never): never {
  throw new Error(`Caso no contemplado: ${JSON.stringify(value)}`);
}
