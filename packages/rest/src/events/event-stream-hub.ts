import type { Services } from '@conn/services';
import type { EventStream } from './event-stream';

/** How often the hub sends heartbeats and re-reads every stream without a wake-up. */
export interface EventStreamHubOptions {
  heartbeatMs: number;
}

/**
 * The live streams of one server: one outbox subscription for all of them
 * (on PostgreSQL a LISTEN that hears every replica), each wake-up coalesced
 * into one read per stream. The heartbeat also re-reads, so a wake-up lost
 * while the LISTEN connection reconnects costs a delay, never an event.
 */
export class EventStreamHub {
  readonly #services: Services;
  readonly #options: EventStreamHubOptions;
  readonly #streams = new Set<EventStream>();
  #subscription: ReturnType<Services['onEvents']> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #scheduled = false;

  constructor(services: Services, options: EventStreamHubOptions) {
    this.#services = services;
    this.#options = options;
  }

  /** Resolves once wake-ups from every replica reach this hub. */
  ready(): Promise<void> {
    if (this.#subscription === undefined) {
      this.#subscription = this.#services.onEvents(() => this.#wake());
      this.#heartbeat = setInterval(() => this.#beat(), this.#options.heartbeatMs);
      this.#heartbeat.unref();
    }
    return this.#subscription.ready;
  }

  add(stream: EventStream): void {
    this.#streams.add(stream);
  }

  remove(stream: EventStream): void {
    this.#streams.delete(stream);
  }

  /** Ends every stream and the subscription (server shutdown). */
  close(): void {
    clearInterval(this.#heartbeat);
    this.#subscription?.close();
    this.#subscription = undefined;
    for (const stream of this.#streams) stream.end();
    this.#streams.clear();
  }

  #wake(): void {
    // Commits arrive in bursts: one read per stream for all the wake-ups of a tick.
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      for (const stream of this.#streams) void stream.pump();
    });
  }

  #beat(): void {
    for (const stream of this.#streams) {
      stream.heartbeat();
      void stream.pump();
    }
  }
}
