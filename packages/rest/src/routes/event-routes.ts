import { contract } from '@conn/setup-engine';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { EventStream } from '../events/event-stream';
import type { EventStreamHub } from '../events/event-stream-hub';
import { sseFrames } from '../events/sse-frames';
import { mountRoute } from '../mount-route';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** What a reconnecting EventSource is told to wait, in milliseconds. */
const retryMs = 2000;

const wantsStream = (request: FastifyRequest) =>
  (request.headers.accept ?? '').includes('text/event-stream');

/**
 * `GET /v1/owner/events`: JSON pages of the outbox (`?after=`), or, asked for
 * `text/event-stream`, the live stream of the same events. The stream starts
 * after `Last-Event-ID` (a reconnecting client), else `?after=`, else now.
 */
export function eventRoutes(context: RestContext, hub: EventStreamHub): FastifyPluginAsync {
  const { services } = context;
  return async (app) => {
    mountRoute(app, contract.listEvents, async (request, reply) => {
      const { ownerId } = ownerOf(request);
      const connectionId = request.query.connection_id;
      const scope = connectionId === undefined ? {} : { connectionId };
      if (!wantsStream(request)) {
        await services.openEventRead(ownerId, scope);
        return services.listEvents(ownerId, {
          after: request.query.after ?? 0,
          ...(request.query.before === undefined ? {} : { before: request.query.before }),
          ...scope,
          ...(request.query.limit === undefined ? {} : { limit: request.query.limit }),
        });
      }
      // Listen before fixing the start, so nothing commits unseen in between.
      await hub.ready();
      const { latestId } = await services.openEventRead(ownerId, scope);
      const after = request.headers['last-event-id'] ?? request.query.after ?? latestId;
      return openStream(
        request,
        reply,
        hub,
        new EventStream(reply.raw, services, { ownerId, after, ...scope }, request.log),
        after,
      );
    });
  };
}

function openStream(
  request: FastifyRequest,
  reply: FastifyReply,
  hub: EventStreamHub,
  stream: EventStream,
  after: number,
): FastifyReply {
  reply.hijack();
  // Headers the hooks set (the contract version) go out with the stream's own.
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) reply.raw.setHeader(name, value);
  }
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Tells nginx-style proxies not to buffer the stream.
    'x-accel-buffering': 'no',
  });
  reply.raw.write(sseFrames.opening(retryMs, after));
  hub.add(stream);
  reply.raw.on('close', () => {
    hub.remove(stream);
    stream.end();
  });
  request.log.debug('event stream opened');
  void stream.pump();
  return reply;
}
