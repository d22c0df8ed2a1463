import { ConnError } from '@conn/setup-engine';
import type { FastifyRequest } from 'fastify';

/**
 * An `onRequest` hook for the host: an HTTP/1.1 request without a `Host`
 * header is refused (RFC 9112 says 400) in the one error shape. Run the HTTP
 * server with `requireHostHeader: false`, or node answers it first with a
 * bare 400 and an empty body.
 *
 * @example
 * const app = Fastify({ http: { requireHostHeader: false } });
 * app.addHook('onRequest', hostHeaderRequired);
 */
export async function hostHeaderRequired(request: FastifyRequest): Promise<void> {
  const { raw } = request;
  if (raw.httpVersionMajor === 1 && raw.httpVersionMinor >= 1 && raw.headers.host === undefined) {
    throw new ConnError('invalid_request', 'An HTTP/1.1 request must carry a Host header.');
  }
}
