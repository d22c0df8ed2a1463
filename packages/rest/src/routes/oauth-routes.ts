import { ConnError, contract } from '@conn/setup-engine';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/authenticate';
import { sendError } from '../error-handler';
import { httpStatusByCategory } from '../http-status';
import { mountRoute } from '../mount-route';
import { oauthCallbackPage } from '../oauth-callback-page';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** True when the caller is a browser that asked for a page rather than JSON. */
function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/** The owner of the console session cookie the browser presents, or null when none (or a stale one). */
async function cookieOwner(context: RestContext, request: FastifyRequest): Promise<string | null> {
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined) return null;
  const session = await context.services.findOwnerSession(cookie);
  return session?.owner_id ?? null;
}

function answerError(reply: FastifyReply, request: FastifyRequest, error: ConnError) {
  if (!wantsHtml(request)) return sendError(reply, error);
  return reply
    .status(httpStatusByCategory[error.category])
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(oauthCallbackPage(error, '/console/'));
}

/**
 * Provider authorization (OAuth 2.0 + PKCE): the owner starts it (owner
 * session only) and the provider sends the owner's browser back to the
 * registered redirect URI, which takes no bearer: the `state` binds it to
 * the session the owner started, and a console cookie of another owner is
 * refused.
 */
export function oauthRoutes(context: RestContext): FastifyPluginAsync {
  const { services } = context;
  return async (app) => {
    mountRoute(app, contract.startAuthorization, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return services.startAuthorization(
        ownerOf(request).ownerId,
        request.params.key,
        request.body ?? {},
      );
    });

    mountRoute(
      app,
      contract.completeAuthorization,
      async (request, reply) => {
        const query = new URLSearchParams(request.raw.url?.split('?')[1] ?? '');
        try {
          const outcome = await services.completeAuthorization({
            query,
            cookieOwnerId: await cookieOwner(context, request),
          });
          // The route logs at warn (no URL in the access log); this outcome is worth an info line.
          request.server.log.info(
            {
              reqId: request.id,
              connection_id: outcome.connection_id,
              reconnected: outcome.reconnected,
            },
            'provider authorization completed',
          );
          reply.header('cache-control', 'no-store');
          if (outcome.redirect_url !== null) return reply.redirect(outcome.redirect_url, 303);
          return { connection_id: outcome.connection_id, reconnected: outcome.reconnected };
        } catch (error) {
          if (!(error instanceof ConnError)) throw error;
          request.server.log.info(
            { reqId: request.id, code: error.code, reason: error.details?.reason ?? null },
            'provider authorization not completed',
          );
          return answerError(reply, request, error);
        }
      },
      // The query carries a one-time code and state: keep the URL out of the access log.
      { logLevel: 'warn' },
    );
  };
}
