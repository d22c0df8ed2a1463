/** One message of an event stream as it arrived on the wire. */
export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  /** A comment line (`: heartbeat`). */
  comment?: string;
}

/**
 * Reads `GET /v1/owner/events` as raw Server-Sent Events, frame by frame, so
 * a test sees exactly what a browser's EventSource would.
 */
export async function openSse(
  url: string,
  options: { token: string; lastEventId?: number; signal?: AbortSignal },
) {
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  const response = await fetch(url, {
    headers: {
      accept: 'text/event-stream',
      authorization: `Bearer ${options.token}`,
      ...(options.lastEventId === undefined
        ? {}
        : { 'last-event-id': String(options.lastEventId) }),
    },
    signal,
  });
  const messages: SseMessage[] = [];
  let text = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  const pump = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (chunk === undefined || chunk.done) break;
        text += chunk.value;
        buffer += chunk.value;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          messages.push(parseFrame(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // Aborted by the test.
    }
    ended = true;
    for (const wake of waiters) wake();
  })();
  return {
    response,
    messages,
    get text() {
      return text;
    },
    get ended() {
      return ended;
    },
    /** The events (messages with data) so far. */
    events: () => messages.filter((m) => m.data !== undefined),
    /** Waits until `done()` holds, the stream ends, or `timeoutMs` passes. */
    async until(done: () => boolean, timeoutMs = 5_000): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      while (!done() && !ended && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
          waiters.add(() => {
            clearTimeout(timer);
            resolve();
          });
        });
        waiters.clear();
      }
      return done();
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

function parseFrame(frame: string): SseMessage {
  const message: SseMessage = {};
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) message.comment = line.slice(1).trim();
    else {
      const colon = line.indexOf(':');
      const field = line.slice(0, colon) as 'id' | 'event' | 'data' | 'retry';
      message[field] = line.slice(colon + 1).replace(/^ /, '');
    }
  }
  return message;
}
