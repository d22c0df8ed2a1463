import { setupOutcome } from '@conn/setup-engine';
import { ConnApiError } from './conn-api-error';
import type { ConnClient } from './conn-client';
import { ConnNetworkError } from './conn-network-error';
import type { SetupStatus } from './response-types';
import { SetupFailedError } from './setup-failed-error';
import { SetupTimeoutError } from './setup-timeout-error';

/** Options of `waitForActive`. */
export interface WaitForActiveOptions {
  /** Called with the first status and then whenever state, stage or record counts change. */
  onProgress?: (status: SetupStatus) => void;
  /** Stops waiting; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Give up after this long (default 15 minutes) with a `SetupTimeoutError`. */
  timeoutMs?: number;
  /** Time between polls (default 2 s). */
  intervalMs?: number;
}

const defaultTimeoutMs = 15 * 60_000;
const defaultIntervalMs = 2_000;

/**
 * Polls a connection's setup status until it turns `active` (resolves with
 * that status) or fails for good — first sync failed, attempt expired,
 * connection revoked, or needs attention with no repair run under way —
 * rejecting with a `SetupFailedError` that carries the remediation. Network
 * failures, 429 and 5xx answers are retried until the timeout; other API
 * errors (401, 404) reject at once.
 *
 * @example
 * const status = await waitForActive(client, intent.connection_id, {
 *   onProgress: (s) => console.log(renderSetupStatus(s)),
 *   timeoutMs: 120_000,
 * });
 */
export async function waitForActive(
  client: Pick<ConnClient, 'setupStatus'>,
  connectionId: string,
  options: WaitForActiveOptions = {},
): Promise<SetupStatus> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const intervalMs = options.intervalMs ?? defaultIntervalMs;
  const { signal } = options;
  const deadline = Date.now() + timeoutMs;
  let last: SetupStatus | null = null;
  let lastProgress: string | null = null;
  for (;;) {
    signal?.throwIfAborted();
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new SetupTimeoutError(connectionId, timeoutMs, last);
    // The request itself is bounded too, so a hanging server cannot outlast the timeout.
    const timeout = AbortSignal.timeout(remaining);
    const requestSignal = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    let status: SetupStatus | null = null;
    try {
      status = await client.setupStatus(connectionId, { signal: requestSignal });
    } catch (error) {
      signal?.throwIfAborted();
      if (timeout.aborted) throw new SetupTimeoutError(connectionId, timeoutMs, last);
      if (!isTransient(error)) throw error;
    }
    if (status !== null) {
      last = status;
      const progress = progressOf(status);
      if (progress !== lastProgress) {
        lastProgress = progress;
        options.onProgress?.(status);
      }
      const outcome = setupOutcome(status);
      if (outcome === 'active') return status;
      if (outcome === 'failed') throw new SetupFailedError(status);
    }
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())), signal);
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof ConnNetworkError) return true;
  return error instanceof ConnApiError && (error.status === 429 || error.status >= 500);
}

/** What the owner would notice changing. */
function progressOf(status: SetupStatus): string {
  const run = status.run;
  return JSON.stringify([
    status.setup_state,
    status.records_total,
    run?.id ?? null,
    run?.status ?? null,
    run?.stage ?? null,
    run?.records_accepted ?? null,
  ]);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
