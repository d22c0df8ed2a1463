import { setupOutcome } from '@conn/setup-engine';
import type { ConnClient } from './conn-client';
import { StatusWakeups, type StatusWakeupsClient } from './events/status-wakeups';
import { isTransientError } from './is-transient-error';
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
  /** Time between polls when the event stream is not available (default 2 s). */
  intervalMs?: number;
}

const defaultTimeoutMs = 15 * 60_000;
const defaultIntervalMs = 2_000;
/** While the stream is live, a status read still happens this often, in case it stalls unseen. */
const streamingPollMs = 15_000;
/** How long the first status read waits for the stream to open. */
const openWaitMs = 3_000;

/**
 * Waits until a connection turns `active` (resolves with that status) or
 * fails for good — first sync failed, attempt expired, connection revoked, or
 * needs attention with no repair run under way — rejecting with a
 * `SetupFailedError` that carries the remediation. It follows the
 * connection's event stream and reads the status when an event arrives;
 * where the stream is not available it polls. Network failures, 429 and 5xx
 * answers are retried until the timeout; other API errors (401, 404) reject
 * at once.
 *
 * @example
 * const status = await waitForActive(client, intent.connection_id, {
 *   onProgress: (s) => console.log(renderSetupStatus(s)),
 *   timeoutMs: 120_000,
 * });
 */
export async function waitForActive(
  client: StatusWakeupsClient & Pick<ConnClient, 'setupStatus'>,
  connectionId: string,
  options: WaitForActiveOptions = {},
): Promise<SetupStatus> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const intervalMs = options.intervalMs ?? defaultIntervalMs;
  const { signal } = options;
  const deadline = Date.now() + timeoutMs;
  const feed = new StatusWakeups(client, connectionId, signal);
  let last: SetupStatus | null = null;
  let lastProgress: string | null = null;
  try {
    await feed.opened(Math.min(openWaitMs, timeoutMs));
    for (;;) {
      signal?.throwIfAborted();
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new SetupTimeoutError(connectionId, timeoutMs, last);
      // The request itself is bounded too, so a hanging server cannot outlast the timeout.
      const timeout = AbortSignal.timeout(remaining);
      const requestSignal = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
      feed.consume();
      let status: SetupStatus | null = null;
      try {
        status = await client.setupStatus(connectionId, { signal: requestSignal });
      } catch (error) {
        signal?.throwIfAborted();
        if (timeout.aborted) throw new SetupTimeoutError(connectionId, timeoutMs, last);
        if (!isTransientError(error)) throw error;
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
      const pause = feed.streaming ? streamingPollMs : intervalMs;
      await feed.next(Math.min(pause, Math.max(0, deadline - Date.now())));
    }
  } finally {
    feed.close();
  }
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
