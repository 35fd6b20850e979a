/**
 * The small, pure readers behind `defineTableState`. Each one takes whatever the URL holds and
 * returns a value that is safe to hand to the data layer, or a fallback. None of them throws on
 * user input: a hand-edited or stale URL must never break a page.
 */

/** The longest search text the server accepts; longer input is cut, not rejected. */
export const MAX_QUERY_LENGTH = 200;

/** Pages beyond this are treated as junk: a real table never gets there with offset paging. */
export const MAX_PAGE = 1_000_000;

/** The first value of a parameter that may be repeated (`?q=a&q=b` reads as `a`). */
export function firstValue(raw: string | readonly string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') return raw;
  return raw[0];
}

// C0 controls and DEL: invisible, and a NUL byte makes Postgres reject the whole query.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/** Search text: control characters removed, trimmed, cut to `MAX_QUERY_LENGTH` code points. */
export function sanitizeQuery(raw: string | undefined): string {
  if (!raw) return '';
  const cleaned = raw.replace(CONTROL_CHARS, ' ').trim();
  const codePoints = Array.from(cleaned);
  if (codePoints.length <= MAX_QUERY_LENGTH) return cleaned;
  return codePoints.slice(0, MAX_QUERY_LENGTH).join('').trimEnd();
}

/** A positive page number; anything else (missing, `0`, `-3`, `2.5`, `abc`, huge) reads as 1. */
export function sanitizePage(raw: string | number | undefined): number {
  const n = typeof raw === 'number' ? raw : raw !== undefined && /^\s*\d{1,9}\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) return 1;
  return Math.min(n, MAX_PAGE);
}

/**
 * A page size from the allowed list. A number that is not in the list snaps to the nearest
 * allowed size (ties go to the smaller one); junk falls back to `fallback`.
 */
export function snapPageSize(raw: string | number | undefined, allowed: readonly number[], fallback: number): number {
  const n = typeof raw === 'number' ? raw : raw !== undefined && /^\s*\d{1,9}\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n < 1) return fallback;
  let best = fallback;
  let bestDistance = Infinity;
  for (const size of allowed) {
    const distance = Math.abs(size - n);
    if (distance < bestDistance || (distance === bestDistance && size < best)) {
      best = size;
      bestDistance = distance;
    }
  }
  return best;
}

/** One value from an allowed list, or `undefined`. Matching is exact (case-sensitive). */
export function pickAllowed<T extends string>(raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim();
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * A multi-valued filter. Accepts `a,b` and repeated parameters (`?f=a&f=b`), drops unknown values
 * and duplicates, and returns the survivors in the order of the allowed list, so that equal
 * selections always serialise to the same URL.
 */
export function pickAllowedList<T extends string>(raw: string | readonly string[] | undefined, allowed: readonly T[]): T[] {
  if (raw === undefined) return [];
  const parts = (typeof raw === 'string' ? [raw] : raw).flatMap((part) => part.split(','));
  const wanted = new Set(parts.map((part) => part.trim()));
  return allowed.filter((value) => wanted.has(value));
}
