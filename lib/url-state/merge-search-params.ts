/**
 * The next URL query for a table: the table's own parameters replaced by `next`, every other
 * parameter (an open detail panel, another widget's state) kept as it was, in its original order.
 */
export function mergeSearchParams(
  current: Pick<URLSearchParams, 'forEach'>,
  ownedNames: readonly string[],
  next: URLSearchParams,
): URLSearchParams {
  const owned = new Set(ownedNames);
  const merged = new URLSearchParams();
  current.forEach((value, name) => {
    if (!owned.has(name)) merged.append(name, value);
  });
  next.forEach((value, name) => merged.append(name, value));
  return merged;
}
