/**
 * Options of `client.events`.
 *
 * @example
 * for await (const event of client.events({ connectionId, signal })) console.log(event.type);
 */
export interface EventStreamOptions {
  /** Only this connection's events. */
  connectionId?: string;
  /** Start after this event id (the last one you handled); default: events from now on. */
  after?: number;
  /** Ends the iteration; it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called each time the stream is (re)connected and reading from the server. */
  onOpen?: () => void;
}
