import { setupOutcome } from '@conn/setup-engine';
import type { ConnClient } from './conn-client';
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

type StatusClient = Pick<ConnClient, 'setupStatus'> & Partial<Pick<ConnClient, 'events'>>;

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
  client: StatusClient,
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

/**
 * Turns the connection's events into "read the status again" wake-ups; when
 * the stream is unavailable (an older server, a proxy that buffers), `next`
 * just waits its interval and the caller polls.
 */
class StatusWakeups {
  readonly #stop = new AbortController();
  readonly #signal: AbortSignal | undefined;
  readonly #openPromise: Promise<void>;
  #open: () => void = () => {};
  #pending = false;
  #wake: (() => void) | null = null;
  streaming = false;

  constructor(client: StatusClient, connectionId: string, signal: AbortSignal | undefined) {
    this.#signal = signal;
    this.#openPromise = new Promise((resolve) => {
      this.#open = resolve;
    });
    if (client.events === undefined) {
      this.#open();
      return;
    }
    const events = client.events({
      connectionId,
      signal:
        signal === undefined ? this.#stop.signal : AbortSignal.any([signal, this.#stop.signal]),
      onOpen: () => {
        this.streaming = true;
        this.#open();
      },
    });
    void (async () => {
      try {
        for await (const _event of events) this.#notify();
      } catch {
        // Not retryable (or stopped): the caller polls from here on.
      }
      this.streaming = false;
      this.#open();
      this.#notify();
    })();
  }

  /** Resolves once the stream reads (so nothing after the next status read is missed), or after `ms`. */
  opened(ms: number): Promise<void> {
    return this.#until(this.#openPromise, ms);
  }

  /** Forgets the wake-ups so far: the status read that follows sees what they announced. */
  consume(): void {
    this.#pending = false;
  }

  /** Waits for an event of the connection, or `ms`. */
  async next(ms: number): Promise<void> {
    if (this.#pending) return;
    const woken = new Promise<void>((resolve) => {
      this.#wake = resolve;
    });
    try {
      await this.#until(woken, ms);
    } finally {
      this.#wake = null;
    }
  }

  /** `promise` or `ms`, whichever comes first, with no timer left behind to hold the process. */
  #until(promise: Promise<void>, ms: number): Promise<void> {
    const signal = this.#signal;
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
      void promise.then(done);
    });
  }

  close(): void {
    this.#stop.abort();
  }

  #notify(): void {
    this.#pending = true;
    this.#wake?.();
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
