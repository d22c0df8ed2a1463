const minute = 60_000;

/** The first wait after a failed renewal; each failure in a row doubles it. */
export const firstRefreshWaitMs = minute;
/** The longest wait: however often syncs are asked for, a failing renewal reaches the provider about 12 times a day at most. */
export const maxRefreshWaitMs = 6 * 60 * minute;

/**
 * When the next renewal may reach the provider after `failures` in a row.
 *
 * @example
 * refreshRetryAt(3, now); // now + 4 minutes
 */
export function refreshRetryAt(failures: number, now: Date): Date {
  const wait = Math.min(firstRefreshWaitMs * 2 ** Math.max(0, failures - 1), maxRefreshWaitMs);
  return new Date(now.getTime() + wait);
}
