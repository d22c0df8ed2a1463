import type * as pg from 'pg';
import { loadPg } from '../load-driver';
import { eventChannelExpression } from './event-channel';

/** Where to listen and whom to wake. */
export interface ListenOptions {
  readonly url: string;
  readonly schema: string | undefined;
  readonly connectTimeoutMs: number;
  /** Called on every notification, and after a reconnect (notifications may have been missed). */
  readonly onWake: () => void;
}

/** A running listener. */
export interface EventListener {
  /** Resolves once the first LISTEN is in place (or failed: the caller's poll covers it). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const maxBackoffMs = 5000;

/**
 * Holds one dedicated PostgreSQL connection (outside the pool) that LISTENs on
 * the outbox channel, so an event committed by another replica wakes this
 * process's streams within milliseconds. The outbox stays the truth: a
 * notification carries nothing, and a lost connection is re-established with
 * capped backoff, waking everyone once it is back.
 *
 * @example
 * const listener = listenForEvents({ url, schema, connectTimeoutMs: 5000, onWake: () => wake() });
 * await listener.ready;
 */
export function listenForEvents(options: ListenOptions): EventListener {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let backoffMs = 100;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const connect = async (): Promise<void> => {
    const next = new (loadPg().Client)({
      connectionString: options.url,
      connectionTimeoutMillis: options.connectTimeoutMs,
      application_name: 'conn-events',
      ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    });
    client = next;
    next.on('notification', () => options.onWake());
    next.on('error', () => {
      // Reported by 'end', which follows; the reconnect handles both.
    });
    next.on('end', () => {
      if (client === next) scheduleReconnect();
    });
    try {
      await next.connect();
      const { rows } = await next.query<{ channel: string }>(
        `select ${eventChannelExpression} as channel`,
      );
      const channel = rows[0]?.channel ?? 'conn_events';
      await next.query(`listen ${loadPg().escapeIdentifier(channel)}`);
      backoffMs = 100;
      markReady();
      // Anything committed while we were not listening is read by whoever wakes up now.
      options.onWake();
    } catch {
      if (client === next) {
        client = undefined;
        await next.end().catch(() => {});
        scheduleReconnect();
      }
    }
  };

  const scheduleReconnect = (): void => {
    client = undefined;
    markReady();
    if (closed || retry !== undefined) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (!closed) void connect();
    }, backoffMs);
    retry.unref();
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
  };

  void connect();
  return {
    ready,
    async close() {
      closed = true;
      if (retry !== undefined) clearTimeout(retry);
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
