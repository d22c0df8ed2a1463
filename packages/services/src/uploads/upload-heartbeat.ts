/**
 * An artifact's `updated_at` is touched this often while its body streams in
 * and its validator runs; one left `uploaded` or `validating` without a touch
 * for `interruptedAfterMs` lost its server (a crash, a `kill -9`) and the
 * sweeper marks it `invalid` as interrupted, so the owner never waits on a
 * ghost upload.
 *
 * @example
 * setInterval(touch, uploadHeartbeat.everyMs);
 */
export const uploadHeartbeat = Object.freeze({
  everyMs: 15_000,
  interruptedAfterMs: 5 * 60_000,
});
