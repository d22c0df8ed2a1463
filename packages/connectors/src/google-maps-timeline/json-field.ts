// Readers for the loosely typed JSON an export holds: each returns null (or undefined) instead of throwing.

/**
 * The value at a path of object keys, or undefined as soon as a step is no
 * object (or an array).
 *
 * @example
 * jsonField({ visit: { topCandidate: { placeId: 'ChIJ' } } }, 'visit', 'topCandidate', 'placeId'); // 'ChIJ'
 */
export function jsonField(value: unknown, ...keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * A number written as a JSON number or a numeric string (iOS writes `"0.85"`),
 * or null.
 *
 * @example
 * jsonNumber('1234.5'); // 1234.5
 */
export function jsonNumber(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

/**
 * A non-empty string, or null.
 *
 * @example
 * jsonString(''); // null
 */
export function jsonString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
