import type { ServerResponse } from 'node:http';
import type { Services } from '@conn/services';
import type { FastifyBaseLogger } from 'fastify';
import { sseFrames } from './sse-frames';

const pageSize = 500;

/** Where one stream reads from: the owner's events, or one connection's. */
export interface EventStreamScope {
  ownerId: string;
  connectionId?: string;
  /** The last id the client has: the stream sends every event after it. */
  after: number;
}

/**
 * One client's live stream. It holds only a cursor: each wake-up reads the
 * outbox after it, so what the client gets is exactly the committed events in
 * order, however wake-ups were coalesced or lost. A slow client is never
 * buffered for: the stream waits for the socket to drain before reading on.
 */
export class EventStream {
  readonly #raw: ServerResponse;
  readonly #services: Services;
  readonly #scope: EventStreamScope;
  readonly #log: FastifyBaseLogger;
  #cursor: number;
  #reading = false;
  #again = false;
  #closed = false;

  constructor(
    raw: ServerResponse,
    services: Services,
    scope: EventStreamScope,
    log: FastifyBaseLogger,
  ) {
    this.#raw = raw;
    this.#services = services;
    this.#scope = scope;
    this.#log = log;
    this.#cursor = scope.after;
  }

  get closed(): boolean {
    return this.#closed || this.#raw.destroyed;
  }

  /** Sends what committed after the cursor; a call during a read makes that read go round once more. */
  async pump(): Promise<void> {
    if (this.closed) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = true;
    try {
      do {
        this.#again = false;
        await this.#sendPages();
      } while (this.#again && !this.closed);
    } catch (error) {
      // The database may be away for a moment; the next wake-up or heartbeat reads again.
      this.#log.warn({ err: { type: (error as Error).name } }, 'event stream read failed');
    } finally {
      this.#reading = false;
    }
  }

  heartbeat(): void {
    if (!this.closed) this.#raw.write(sseFrames.heartbeat);
  }

  /** Ends the response (server shutdown); the client reconnects with its Last-Event-ID. */
  end(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#raw.destroyed) this.#raw.end();
  }

  async #sendPages(): Promise<void> {
    for (;;) {
      const page = await this.#services.listEvents(this.#scope.ownerId, {
        after: this.#cursor,
        ...(this.#scope.connectionId === undefined
          ? {}
          : { connectionId: this.#scope.connectionId }),
        limit: pageSize,
      });
      if (this.closed) return;
      let writable = true;
      for (const event of page.items) writable = this.#raw.write(sseFrames.event(event));
      this.#cursor = page.next_after;
      if (!writable) await this.#drained();
      if (page.items.length < pageSize) return;
    }
  }

  #drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.#raw.off('drain', done);
        this.#raw.off('close', done);
        resolve();
      };
      this.#raw.once('drain', done);
      this.#raw.once('close', done);
    });
  }
}
