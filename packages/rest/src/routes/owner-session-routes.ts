import { LoginResponseSchema } from '@conn/setup-engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/authenticate';
import { authenticateOwner } from '../auth/owner-account';
import { issueOwnerSession, revokeOwnerSession } from '../auth/owner-sessions';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

const LoginBody = z.strictObject({
  password: z.string().min(1).max(1024),
  /** `cookie` (console, the default) or `token` (CLI: the session token comes back in the body). */
  mode: z.enum(['cookie', 'token']).default('cookie'),
});

/** Owner login and logout. Login is rate-limited per client address. */
export function ownerSessionRoutes(context: RestContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/owner/login',
      {
        schema: { body: LoginBody, response: { 200: LoginResponseSchema } },
        config: { rateLimit: { max: context.limits.loginPerMinute, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const ownerId = await authenticateOwner(context.store, request.body.password);
        const session = await issueOwnerSession(context.store, ownerId, context.clock());
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
      },
    );

    app.post('/v1/owner/logout', { config: { auth: ['owner'] } }, async (request, reply) => {
      const principal = ownerOf(request);
      if (principal.kind === 'owner')
        await revokeOwnerSession(context.store, principal.sessionId, context.clock());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send();
    });
  };
}
