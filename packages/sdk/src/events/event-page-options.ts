import type { CallOptions } from '../call-options';

/**
 * Options of `client.eventPage`.
 *
 * @example
 * await client.eventPage({ after: 120, connectionId, limit: 100 });
 */
export interface EventPageOptions extends CallOptions {
  /** The last id you have (default 0: the beginning of the log). */
  after?: number;
  connectionId?: string;
  /** At most this many events (1–500, default 500). */
  limit?: number;
}
