/**
 * How long until something happens, in owner words: "45 seconds",
 * "1 minute", "15 minutes", "3 hours".
 *
 * @example
 * `Try again in ${waitCopy(90_000)}.`; // 'Try again in 2 minutes.'
 */
export function waitCopy(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return `${Math.round(minutes / 60)} hours`;
}
