import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the fake server saw it. */
export interface SeenRequest {
  method: string;
  /** Path and query string. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sha256: string;
}

/** What a route answers: a status and a JSON body (or none). */
export interface CannedAnswer {
  status?: number;
  json?: unknown;
  /** A raw body, sent as is (for "not JSON" answers). */
  text?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Headers to answer with besides the content type. */
  headers?: Record<string, string>;
}

export type Responder = (request: SeenRequest) => CannedAnswer;

/**
 * A loopback stand-in for a conn server: routes keyed by `METHOD /path`
 * (query ignored) answer canned JSON; every request is recorded with its
 * body and the body's SHA-256. Unknown routes answer the conn 404 shape.
 *
 * @example
 * const server = await startFakeServer();
 * server.on('GET /v1/owner/connectors/forge/setup-plan', () => ({ json: plan }));
 */
export async function startFakeServer() {
  const routes = new Map<string, Responder>();
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body,
        sha256: createHash('sha256').update(body).digest('hex'),
      };
      requests.push(seen);
      const path = seen.url.split('?')[0];
      const responder = routes.get(`${seen.method} ${path}`);
      const answer: CannedAnswer = responder?.(seen) ?? {
        status: 404,
        json: { error: { code: 'route_not_found', message: `No route ${seen.method} ${path}.` } },
      };
      const send = () => {
        if (answer.text !== undefined) {
          res.writeHead(answer.status ?? 200, { 'content-type': 'text/html' }).end(answer.text);
        } else if (answer.json === undefined) {
          res.writeHead(answer.status ?? 204).end();
        } else {
          res
            .writeHead(answer.status ?? 200, {
              'content-type': 'application/json',
              ...answer.headers,
            })
            .end(JSON.stringify(answer.json));
        }
      };
      if (answer.delayMs === undefined) send();
      else setTimeout(send, answer.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    on(route: string, responder: Responder) {
      routes.set(route, responder);
    },
    last(): SeenRequest {
      const request = requests.at(-1);
      if (request === undefined) throw new Error('no request reached the fake server');
      return request;
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export type FakeServer = Awaited<ReturnType<typeof startFakeServer>>;
