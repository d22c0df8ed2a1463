/**
 * How long each abandonable setup attempt lives (product rule 3). The sweeper
 * retires what outlives these; setup-status already shows it `expired` before.
 *
 * @example
 * const expiresAt = new Date(now.getTime() + attemptLifetimes.enrollmentCodeMs);
 */
export const attemptLifetimes = Object.freeze({
  enrollmentCodeMs: 15 * 60_000,
  browserShellMs: 2 * 60 * 60_000,
  authorizationSessionMs: 10 * 60_000,
  stagedArtifactMs: 24 * 60 * 60_000,
  /** A static-secret draft the owner never finishes, counted again from each credential submitted. */
  staticSecretDraftMs: 24 * 60 * 60_000,
});

/** `now` moved forward by `ms`, as the ISO text the store keeps. */
export function expiresAfter(now: Date, ms: number): string {
  return new Date(now.getTime() + ms).toISOString();
}
