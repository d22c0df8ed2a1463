import type { ConnClient } from '../conn-client';

/** What `StatusWakeups` needs of a client: its event stream, when it has one. */
export type StatusWakeupsClient = Partial<Pick<ConnClient, 'events'>>;

/**
 * Turns a connection's events into "read the status again" wake-ups, for
 * anything that follows a setup (`waitForActive`, `conn status --watch`, the
 * console). When the stream is unavailable (an older server, a proxy that
 * buffers) `streaming` is false and `next` just waits its interval: the
 * caller polls.
 *
 * @example
 * const wakeups = new StatusWakeups(client, connectionId, signal);
 * await wakeups.opened(3_000);
 * for (;;) {
 *   wakeups.consume();
 *   const status = await client.setupStatus(connectionId);
 *   if (done(status)) break;
 *   await wakeups.next(wakeups.streaming ? 15_000 : 2_000);
 * }
 * wakeups.close();
 */
export class StatusWakeups {
  readonly #stop = new AbortController();
  readonly #signal: AbortSignal | undefined;
  readonly #openPromise: Promise<void>;
  #open: () => void = () => {};
  #pending = false;
  #wake: (() => void) | null = null;
  streaming = false;

  constructor(client: StatusWakeupsClient, connectionId: string, signal: AbortSignal | undefined) {
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
