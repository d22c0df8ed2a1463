import type { ConnectionEvent } from '@conn/setup-engine';

/**
 * The frames of the event stream (`text/event-stream`). Each event is one
 * message whose `id` is the outbox id, so a client's `Last-Event-ID` resumes
 * exactly after it; `event` is the type, `data` the published JSON (one line).
 */
export const sseFrames = {
  /**
   * Sent first: how long a client waits before reconnecting, and the id the
   * stream starts after. A message with an id and no data sets the client's
   * Last-Event-ID without dispatching anything, so even a stream that drops
   * before its first event resumes where it began.
   */
  opening: (retryMs: number, after: number) => `retry: ${retryMs}\nid: ${after}\n\n`,
  event: (event: ConnectionEvent) =>
    `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`,
  /** A comment: keeps proxies from closing an idle stream; clients ignore it. */
  heartbeat: ': heartbeat\n\n',
} as const;
