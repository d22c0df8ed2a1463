import { assertCsrf, bearerKindOf, type Services } from '@conn/services';
import { ConnError, consoleSession } from '@conn/setup-engine';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

/** The principal kinds a route accepts, declared in its `config.auth`. */
export type PrincipalKind = Principal['kind'];

export const SESSION_COOKIE = consoleSession.sessionCookie;
export const CSRF_COOKIE = consoleSession.csrfCookie;
export const CSRF_HEADER = consoleSession.csrfHeader;

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match?.[1] === undefined)
    throw new ConnError('unauthenticated', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}

/**
 * Resolves who is calling: a bearer token (owner session, owner agent or
 * collector, told apart by prefix) or the console's session cookie. Cookie
 * mutations must carry the CSRF header. Returns null when nothing was presented.
 */
export async function resolvePrincipal(
  services: Services,
  request: FastifyRequest,
): Promise<Principal | null> {
  const bearer = bearerOf(request);
  if (bearer !== null) {
    const kind = bearerKindOf(bearer);
    if (kind === 'owner_session') {
      const session = await services.findOwnerSession(bearer);
      if (session !== null)
        return { kind: 'owner', ownerId: session.owner_id, sessionId: session.id, via: 'bearer' };
    } else if (kind === 'agent') {
      const token = await services.findAgentToken(bearer);
      if (token !== null) return { kind: 'agent', ownerId: token.owner_id, tokenId: token.id };
    } else if (kind === 'collector') {
      const collector = await services.authenticateCollector(bearer);
      return {
        kind: 'collector',
        connectionId: collector.connection_id,
        tokenId: collector.token_id,
      };
    }
    throw new ConnError(
      'unauthenticated',
      'This token is not valid (unknown, expired or revoked).',
    );
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined) return null;
  const session = await services.findOwnerSession(cookie);
  if (session === null)
    throw new ConnError('unauthenticated', 'Your console session has ended. Log in again.');
  if (!safeMethods.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    assertCsrf(session.csrf_hash, Array.isArray(header) ? header[0] : header);
  }
  return { kind: 'owner', ownerId: session.owner_id, sessionId: session.id, via: 'cookie' };
}

/** Refuses a principal a route does not accept, with the code that says why. */
export function assertAllowed(
  principal: Principal | null,
  allowed: readonly PrincipalKind[],
): Principal {
  if (principal === null)
    throw new ConnError('unauthenticated', 'Log in as the owner or present a token.');
  if (allowed.includes(principal.kind)) return principal;
  if (principal.kind === 'agent' && allowed.includes('owner')) {
    throw new ConnError(
      'owner_session_required',
      'Only the owner can do this, in the console or with `conn` logged in as the owner. Owner-agent tokens can start setups and read status, never submit credentials.',
    );
  }
  throw new ConnError('forbidden', 'This token cannot use this route.');
}
