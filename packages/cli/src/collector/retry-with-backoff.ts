import pRetry from 'p-retry';
import { sleep } from '../sleep';

/** Options of `retryWithBackoff`. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  tries?: number;
  /** The least wait before the second attempt; doubled before each further one (default 500 ms). */
  baseDelayMs?: number;
  /** Whether a failure is worth another attempt (a network error, a 5xx). */
  retryable: (error: unknown) => boolean;
  /** The wait a failure itself asks for (a `Retry-After`): waited instead when it is longer. */
  waitAtLeastMs?: (error: unknown) => number | undefined;
  /** Told before each wait, e.g. to show "retrying in 2 s". */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  signal?: AbortSignal;
}

/**
 * Runs `attempt` until it resolves, retrying retryable failures with
 * exponential backoff (p-retry: 500 ms, 1 s, 2 s, 4 s by default, each
 * stretched by a random 1–2× so collectors that failed together do not
 * retry together), or longer when the failure asks for it (`waitAtLeastMs`:
 * a server's `Retry-After`); rethrows the last failure, or the first one that
 * is not retryable. An abort of `signal` ends the waiting at once.
 *
 * @example
 * const result = await retryWithBackoff(() => collector.ingest(stream, records), {
 *   retryable: (error) => error instanceof ConnNetworkError,
 * });
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  return pRetry(attempt, {
    retries: (options.tries ?? 5) - 1,
    minTimeout: options.baseDelayMs ?? 500,
    factor: 2,
    randomize: true,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    shouldRetry: ({ error }) => options.retryable(error),
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft, retryDelay }) => {
      // Called for every failure: announce only the waits that will happen.
      if (retriesLeft === 0 || !options.retryable(error)) return;
      const asked = options.waitAtLeastMs?.(error) ?? 0;
      options.onRetry?.(error, attemptNumber, Math.max(retryDelay, asked));
      // p-retry waits its own delay after this resolves: add only what the server asked beyond it.
      if (asked > retryDelay) await sleep(asked - retryDelay, options.signal);
    },
  });
}
