import { preparedQuery } from '../prepared-query';
import type { NewOwnerSession } from '../schema';
import type { StoreDb } from './store-db';

/** An owner session as authentication reads it. */
export interface OwnerSessionGrant {
  id: string;
  owner_id: string;
  csrf_hash: string;
  expires_at: string;
  revoked_at: string | null;
}

/**
 * Inserts a new owner session (token and CSRF hashes only).
 *
 * @example
 * await insertOwnerSession(store.db, { id: newId('ses'), owner_id, token_hash, csrf_hash, … });
 */
export async function insertOwnerSession(db: StoreDb, row: NewOwnerSession): Promise<void> {
  await db.insertInto('owner_sessions').values(row).execute();
}

/** The query behind {@link findOwnerSessionByHash}, for plan checks. */
export function ownerSessionByHashQuery(db: StoreDb, tokenHash: string) {
  return db
    .selectFrom('owner_sessions')
    .select(['id', 'owner_id', 'csrf_hash', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', tokenHash);
}

/**
 * The session whose token hashes to `tokenHash`, expired or revoked or not:
 * the caller decides whether it is still live.
 *
 * @example
 * const session = await findOwnerSessionByHash(store.db, hashToken(cookie));
 */
export async function findOwnerSessionByHash(
  db: StoreDb,
  tokenHash: string,
): Promise<OwnerSessionGrant | undefined> {
  const [row] = await preparedSessionByHash(db, tokenHash);
  return row;
}

/**
 * Ends a session at once, unless it already was.
 *
 * @example
 * await revokeOwnerSessionById(store.db, sessionId, now);
 */
export async function revokeOwnerSessionById(
  db: StoreDb,
  sessionId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('owner_sessions')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Ends every live session of the owner except `keepSessionId` (null: all of
 * them) and says how many it ended: a password change keeps the session that
 * made it, a terminal reset keeps none.
 *
 * @example
 * const ended = await revokeOwnerSessionsExcept(trx, ownerId, principal.sessionId, now);
 */
export async function revokeOwnerSessionsExcept(
  db: StoreDb,
  ownerId: string,
  keepSessionId: string | null,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('owner_sessions')
    .set({ revoked_at: now.toISOString() })
    .where('owner_id', '=', ownerId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .$if(keepSessionId !== null, (qb) => qb.where('id', '!=', keepSessionId ?? ''))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const preparedSessionByHash = preparedQuery(ownerSessionByHashQuery);
