/** How old the newest record of an export may be before the validator calls it stale. */
export const staleAfterMilliseconds = 2 * 365.25 * 24 * 60 * 60 * 1000;

/**
 * True when an export's newest record (`to`, ISO 8601; a time without a zone
 * is read as UTC, close enough at this scale) is older than two years at
 * `now`: the owner probably picked an old export by mistake.
 *
 * @example
 * isStaleExport('2021-03-01T10:00:00', new Date('2026-01-01')); // true
 */
export function isStaleExport(to: string, now: Date): boolean {
  const newest = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(to) ? to : `${to}Z`);
  return Number.isFinite(newest) && now.getTime() - newest > staleAfterMilliseconds;
}
