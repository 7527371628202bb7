/**
 * React keys for lists whose items carry no id (issues, changes, import
 * problems): a key from the item's content, numbered when the same content
 * appears twice, so keys are stable and unique without using the position.
 */
export function keyed<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
): { key: string; item: T }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = keyOf(item);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return { key: count === 0 ? base : `${base}#${count}`, item };
  });
}
