import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ConnError, type ErrorBody } from '@conn/setup-engine';
import { httpStatusByCategory } from './http-status';

/** What node's HTTP parser refused, as a conn error; the bytes themselves are never quoted. */
function fromParserError(code: string | undefined): ConnError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new ConnError(
        'headers_too_large',
        'The request line and headers are larger than this server reads.',
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ConnError('request_timeout', 'The request did not arrive in time.');
    default:
      return new ConnError('invalid_request', 'The request is not valid HTTP.');
  }
}

/**
 * Fastify's `clientErrorHandler` option (node's `clientError`): a request
 * node's parser refuses — bad request line, malformed or oversized headers,
 * conflicting lengths, a timeout — is answered in the one error shape and the
 * connection closed. Pass it where the Fastify instance is made.
 *
 * @example
 * const app = Fastify({ frameworkErrors, clientErrorHandler });
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const connError = fromParserError(error.code);
  const status = httpStatusByCategory[connError.category];
  const body: ErrorBody = { error: connError.toJSON() };
  const text = JSON.stringify(body);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  // Closed once the answer is flushed, whether or not the client ever stops sending.
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      'Connection: close\r\n\r\n' +
      text,
  );
}
