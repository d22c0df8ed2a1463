import { sleep } from '../sleep';

/** Options of `retryWithBackoff`. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  tries?: number;
  /** Wait before the second attempt; doubled before each further one (default 500 ms). */
  baseDelayMs?: number;
  /** Whether a failure is worth another attempt (a network error, a 5xx). */
  retryable: (error: unknown) => boolean;
  /** Told before each wait, e.g. to show "retrying in 2 s". */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  signal?: AbortSignal;
}

/**
 * Runs `attempt` until it resolves, retrying retryable failures with
 * exponential backoff (500 ms, 1 s, 2 s, 4 s by default); rethrows the last
 * failure, or the first one that is not retryable.
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
  const tries = options.tries ?? 5;
  const base = options.baseDelayMs ?? 500;
  for (let index = 1; ; index += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (index >= tries || !options.retryable(error)) throw error;
      const delay = base * 2 ** (index - 1);
      options.onRetry?.(error, index, delay);
      await sleep(delay, options.signal);
    }
  }
}
