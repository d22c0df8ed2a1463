import type { EventListener } from '../dialect/postgres/listen-for-events';

/** A subscription to outbox wake-ups. */
export interface EventSubscription {
  /** Resolves once wake-ups from other processes arrive too (at once on SQLite). */
  readonly ready: Promise<void>;
  /** Stops calling the listener. Idempotent. */
  close(): void;
}

/**
 * Fans "new events committed" out to this process's subscribers: woken by the
 * store after each committing transaction that appended events and, on
 * PostgreSQL, by a LISTEN connection for every process on the database
 * (started with the first subscriber). Wake-ups carry nothing: subscribers
 * read the outbox after the last id they have.
 *
 * @example
 * const wakeups = new EventWakeups(() => listenForEvents({ …, onWake: () => wakeups.wake() }));
 */
export class EventWakeups {
  readonly #listeners = new Set<() => void>();
  readonly #startListener: ((wake: () => void) => EventListener) | undefined;
  #listener: EventListener | undefined;
  #closed = false;

  constructor(startListener?: (wake: () => void) => EventListener) {
    this.#startListener = startListener;
  }

  subscribe(listener: () => void): EventSubscription {
    const entry = () => listener();
    this.#listeners.add(entry);
    if (this.#startListener !== undefined && this.#listener === undefined && !this.#closed) {
      this.#listener = this.#startListener(() => this.wake());
    }
    return {
      ready: this.#listener?.ready ?? Promise.resolve(),
      close: () => {
        this.#listeners.delete(entry);
      },
    };
  }

  wake(): void {
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch {
        // One subscriber's failure is its own; the others still hear.
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    await this.#listener?.close();
  }
}
