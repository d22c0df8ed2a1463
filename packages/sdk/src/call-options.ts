/**
 * Options every client method takes last.
 *
 * @example
 * await client.plan(key, { signal: AbortSignal.timeout(5_000) });
 */
export interface CallOptions {
  /** Aborts the request; the method rejects with the signal's reason. */
  signal?: AbortSignal;
}
