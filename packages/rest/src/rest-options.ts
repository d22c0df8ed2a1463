import type { Services } from '@conn/services';

/**
 * Options of the conn REST plugin.
 *
 * @example
 * await app.register(connRest, { services, publicOrigin: 'https://conn.example.org' });
 */
export interface ConnRestOptions {
  /** The lifecycle services (`createServices`) over the store, vault and registry. */
  services: Services;
  /** The origin owners reach the server at; https turns on Secure cookies. */
  publicOrigin: string;
  /**
   * How often an open event stream gets a heartbeat comment and re-reads the
   * outbox without a wake-up (default 15 000 ms).
   */
  eventHeartbeatMs?: number;
}
