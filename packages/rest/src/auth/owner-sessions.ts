import { ConnError } from '@conn/setup-engine';
import { hashToken, newId, newToken, type Store } from '@conn/store';
import { tokenPrefixes } from './token-prefixes';

const SESSION_DAYS = 30;

/** A new owner session: the token goes to the cookie or the CLI, the CSRF token to the console. */
export interface IssuedSession {
  sessionId: string;
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/** Creates a session for the owner. Only hashes are stored. */
export async function issueOwnerSession(
  store: Store,
  ownerId: string,
  now: Date,
): Promise<IssuedSession> {
  const token = newToken(tokenPrefixes.ownerSession);
  const csrfToken = newToken('csrf');
  const sessionId = newId('ses');
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await store.db
    .insertInto('owner_sessions')
    .values({
      id: sessionId,
      owner_id: ownerId,
      token_hash: hashToken(token),
      csrf_hash: hashToken(csrfToken),
      created_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { sessionId, token: token.reveal(), csrfToken: csrfToken.reveal(), expiresAt };
}

/** Resolves a session token to its live session, or null. */
export async function findOwnerSession(
  store: Store,
  token: string,
  now: Date,
): Promise<{ id: string; owner_id: string; csrf_hash: string } | null> {
  const row = await store.db
    .selectFrom('owner_sessions')
    .select(['id', 'owner_id', 'csrf_hash', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (row === undefined || row.revoked_at !== null || row.expires_at <= now.toISOString())
    return null;
  return row;
}

/** Ends a session at once. */
export async function revokeOwnerSession(
  store: Store,
  sessionId: string,
  now: Date,
): Promise<void> {
  await store.db
    .updateTable('owner_sessions')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Checks the CSRF token a cookie-authenticated mutation must carry. */
export function assertCsrf(csrfHash: string, presented: string | undefined): void {
  if (presented === undefined || hashToken(presented) !== csrfHash) {
    throw new ConnError(
      'csrf_rejected',
      'This request needs the X-CSRF-Token header of your console session.',
    );
  }
}
