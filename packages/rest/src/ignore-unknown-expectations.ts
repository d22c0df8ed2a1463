import type { Server } from 'node:http';

/**
 * Serves a request whose `Expect` header names something other than
 * `100-continue` as if the header were absent (RFC 9110 lets a server do
 * so), instead of node's bare `417` with an empty body outside the one
 * error shape. Call it on the host's HTTP server before it listens.
 *
 * @example
 * ignoreUnknownExpectations(app.server);
 */
export function ignoreUnknownExpectations(server: Server): void {
  server.on('checkExpectation', (request, response) => {
    server.emit('request', request, response);
  });
}
