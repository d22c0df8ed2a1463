import { contractRoutes } from '@conn/setup-engine';
import type { FastifyInstance } from 'fastify';

/** Routes whose body is streamed (uploads): only the idle timeout bounds them. */
const streamedRoutes = new Set(
  contractRoutes.filter((route) => route.bodyKind === 'raw').map((r) => `${r.method} ${r.path}`),
);

/**
 * Closes a connection whose buffered request body has not fully arrived
 * within `deadlineMs` of its headers, so a client trickling a login body byte
 * by byte cannot hold a connection. Streamed uploads are exempt: a large,
 * slow but progressing upload must finish, and the socket idle timeout still
 * cuts one that stalls.
 *
 * @example
 * installBodyDeadline(app, 30_000);
 */
export function installBodyDeadline(app: FastifyInstance, deadlineMs: number): void {
  app.addHook('onRequest', (request, reply, done) => {
    const streamed = streamedRoutes.has(`${request.method} ${request.routeOptions.url}`);
    if (streamed || request.raw.complete) {
      done();
      return;
    }
    const timer = setTimeout(() => {
      // A GET (or any finished body) is complete: a long response, like an event stream, is fine.
      if (!request.raw.complete) request.raw.socket.destroy();
    }, deadlineMs);
    timer.unref();
    // An answer sent early (a refusal) leaves the body still arriving: the deadline holds.
    reply.raw.once('close', () => {
      if (request.raw.complete) clearTimeout(timer);
    });
    done();
  });
}
