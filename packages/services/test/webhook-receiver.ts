import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedDelivery {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the receiver answers: a status (with a Location for 3xx), or no answer at all. */
export type ReceiverAnswer = number | 'hang';

/** A loopback HTTP receiver for webhook deliveries, answering from a script. */
export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedDelivery[];
  /** Answers to give, in order; once used up, 200. */
  answers: ReceiverAnswer[];
  close(): Promise<void>;
}

/**
 * Starts a receiver on 127.0.0.1 with a free port; close it in the test.
 *
 * @example
 * const receiver = await startWebhookReceiver();
 * receiver.answers = [500, 500, 500];
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const state = { answers: [] as ReceiverAnswer[] };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = state.answers.shift() ?? 200;
      if (answer === 'hang') return;
      if (answer >= 300 && answer < 400) response.setHeader('location', '/elsewhere');
      response.statusCode = answer;
      response.end('receiver says: not telling');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/conn`,
    received,
    get answers() {
      return state.answers;
    },
    set answers(value) {
      state.answers = value;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
