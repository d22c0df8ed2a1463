import { hashToken, insertOwnerSession, newId, newToken, tokenPrefixes } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

const SESSION_DAYS = 30;

/** A new owner session: the token goes to the cookie or the CLI, the CSRF token to the console. */
export interface IssuedSession {
  sessionId: string;
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/**
 * Creates a session for the owner. Only hashes are stored.
 *
 * @example
 * const { token, csrfToken, expiresAt } = await issueOwnerSession(deps, ownerId);
 */
export async function issueOwnerSession(
  deps: ServiceDeps,
  ownerId: string,
): Promise<IssuedSession> {
  const now = deps.clock();
  const token = newToken(tokenPrefixes.ownerSession);
  const csrfToken = newToken(tokenPrefixes.csrf);
  const sessionId = newId('ses');
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await insertOwnerSession(deps.store.db, {
    id: sessionId,
    owner_id: ownerId,
    token_hash: hashToken(token),
    csrf_hash: hashToken(csrfToken),
    created_at: now.toISOString(),
    expires_at: expiresAt,
    revoked_at: null,
  });
  return { sessionId, token: token.reveal(), csrfToken: csrfToken.reveal(), expiresAt };
}
