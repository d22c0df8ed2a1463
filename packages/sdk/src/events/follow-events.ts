import { contract } from '@conn/setup-engine';
import { createParser } from 'eventsource-parser';
import { abortableSleep } from '../abortable-sleep';
import { ConnApiError } from '../conn-api-error';
import { ConnNetworkError } from '../conn-network-error';
import type { HttpTransport } from '../http-transport';
import { isTransientError } from '../is-transient-error';
import type { ConnEvent } from '../response-types';
import type { EventStreamOptions } from './event-stream-options';
import { readEvent } from './read-event';

const label = `GET ${contract.listEvents.path}`;
const defaultRetryMs = 2_000;
const maxRetryMs = 30_000;

/**
 * The owner's lifecycle events as they commit, over Server-Sent Events. A
 * dropped stream (network, server restart, 5xx, 429) reconnects by itself
 * with `Last-Event-ID`, so the iteration misses and repeats nothing; errors
 * that retrying cannot fix (401, 403, 404) end it.
 *
 * @example
 * for await (const event of followEvents(http, { connectionId })) {
 *   if (event.type === 'connection_activated') break;
 * }
 */
export async function* followEvents(
  http: HttpTransport,
  options: EventStreamOptions = {},
): AsyncGenerator<ConnEvent, never> {
  const { signal } = options;
  let after = options.after;
  let retryMs = defaultRetryMs;
  let failures = 0;
  for (;;) {
    signal?.throwIfAborted();
    // Our own controller, so a consumer that stops iterating closes the connection.
    const stop = new AbortController();
    const requestSignal =
      signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal]);
    const queue: ConnEvent[] = [];
    try {
      const response = await http.open(contract.listEvents, {
        query: { connection_id: options.connectionId },
        headers: {
          accept: 'text/event-stream',
          ...(after === undefined ? {} : { 'last-event-id': String(after) }),
        },
        signal: requestSignal,
      });
      failures = 0;
      options.onOpen?.();
      const parser = createParser({
        onId: (id) => {
          // The server names its start point before any event, so a reconnect resumes there.
          const value = Number(id);
          if (Number.isSafeInteger(value) && value >= 0) after = value;
        },
        onRetry: (ms) => {
          retryMs = Math.min(ms, maxRetryMs);
        },
        onEvent: (message) => {
          let value: unknown;
          try {
            value = JSON.parse(message.data);
          } catch {
            return;
          }
          const event = readEvent(value);
          if (event !== null) queue.push(event);
        },
      });
      const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
      if (reader === undefined) throw new ConnNetworkError(`The answer to ${label} has no body.`);
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(value);
          while (queue.length > 0) yield queue.shift() as ConnEvent;
        }
      } finally {
        reader.releaseLock();
      }
    } catch (error) {
      signal?.throwIfAborted();
      const reason = error instanceof ConnApiError ? error : http.streamError(error, label, signal);
      if (!isTransientError(reason)) throw reason;
      failures += 1;
    } finally {
      stop.abort();
    }
    // The stream ended (server shutdown) or failed: wait, then resume after the last id.
    await abortableSleep(Math.min(retryMs * 2 ** Math.max(0, failures - 1), maxRetryMs), signal);
  }
}
