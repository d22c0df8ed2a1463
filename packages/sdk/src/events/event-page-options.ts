import type { CallOptions } from '../call-options';

/**
 * Options of `client.eventPage`.
 *
 * @example
 * await client.eventPage({ after: 120, connectionId, limit: 100 });
 * const latest = await client.eventPage({ before: Number.MAX_SAFE_INTEGER, limit: 50 });
 */
export interface EventPageOptions extends CallOptions {
  /** The last id you have (default 0: the beginning of the log). */
  after?: number;
  /**
   * Paging back instead of `after`: the newest events with an id below this
   * one, still oldest first. `Number.MAX_SAFE_INTEGER` reads the newest page.
   */
  before?: number;
  connectionId?: string;
  /** At most this many events (1–500, default 500). */
  limit?: number;
}
