/**
 * A `Retry-After` header as milliseconds from `now`: delta-seconds or an
 * HTTP date; undefined when absent or unreadable, never negative.
 *
 * @example
 * retryAfterMs('120'); // 120000
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
