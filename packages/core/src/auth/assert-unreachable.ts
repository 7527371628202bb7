/**
 * Closes an exhaustive `switch`: if a new member is added to a union and a
 * switch forgets it, the call stops compiling instead of silently falling
 * through to a default (which in the policy would mean an accidental allow or
 * deny nobody decided).
 */
export function assertUnreachable(value: never): never {
  throw new Error(`Caso no contemplado: ${JSON.stringify(value)}`);
}
