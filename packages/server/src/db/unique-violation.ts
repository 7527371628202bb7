/**
 * Two requests that check "is this code/email free?" at the same moment both
 * see it free; the database's unique constraint refuses the second insert.
 * This tells that refusal apart from any other failure, however the driver
 * (node-postgres, PGlite) and Drizzle wrapped it, so the caller can answer
 * with the same clear error as the check before it.
 */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const fields = e as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (fields.code === "23505" && fields.constraint === constraint) return true;
    e = fields.cause;
  }
  return false;
}

/**
 * A `.catch` handler: the refusal of `constraint` becomes the caller's own
 * clear error; anything else goes on as it was.
 */
export function whenUniqueViolation(
  constraint: string,
  toError: () => Error,
): (error: unknown) => never {
  return (error) => {
    throw isUniqueViolation(error, constraint) ? toError() : error;
  };
}
