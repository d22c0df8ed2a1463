import { ConnError, contract } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/authenticate';
import { mountRoute } from '../mount-route';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** Owner login, logout and password change. Both password checks are limited per client address (in the services, shared by replicas). */
export function ownerSessionRoutes(context: RestContext): FastifyPluginAsync {
  return async (app) => {
    mountRoute(app, contract.login, async (request, reply) => {
      const session = await context.services.login(request.body.password, request.ip);
      if (request.body.mode === 'token') {
        return { expires_at: session.expiresAt, session_token: session.token };
      }
      const cookie = {
        path: '/',
        sameSite: 'lax' as const,
        secure: context.secureCookies,
        expires: new Date(session.expiresAt),
      };
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookie, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookie, httpOnly: false });
      return { expires_at: session.expiresAt, csrf_token: session.csrfToken };
    });

    mountRoute(app, contract.logout, async (request, reply) => {
      const principal = ownerOf(request);
      if (principal.kind === 'owner')
        await context.services.revokeOwnerSession(principal.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.send();
    });

    mountRoute(app, contract.changeOwnerPassword, async (request) => {
      const principal = ownerOf(request);
      // The contract admits owner sessions only; an agent never reaches here.
      if (principal.kind !== 'owner')
        throw new ConnError(
          'owner_session_required',
          'Sign in as the owner to change the password.',
        );
      return context.services.changeOwnerPassword(
        { ownerId: principal.ownerId, sessionId: principal.sessionId, client: request.ip },
        request.body.current_password,
        request.body.new_password,
      );
    });
  };
}
