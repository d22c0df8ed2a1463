import type { AuthorizationSessionRow, NewAuthorizationSession } from '../schema';
import type { StoreDb } from './store-db';

/** The query behind {@link findAuthorizationSession}, for plan checks. */
export function authorizationSessionByStateQuery(db: StoreDb, stateHash: string) {
  return db.selectFrom('authorization_sessions').selectAll().where('state_hash', '=', stateHash);
}

/**
 * The authorization session whose OAuth `state` hashes to `stateHash`, used
 * or not: the caller decides whether it may still complete.
 *
 * @example
 * const session = await findAuthorizationSession(db, hashToken(state));
 */
export async function findAuthorizationSession(
  db: StoreDb,
  stateHash: string,
): Promise<AuthorizationSessionRow | undefined> {
  return authorizationSessionByStateQuery(db, stateHash).executeTakeFirst();
}

/**
 * Inserts a new authorization session (state hash and sealed verifier only).
 *
 * @example
 * await insertAuthorizationSession(trx, { id: sessionId, state_hash: hashToken(state), … });
 */
export async function insertAuthorizationSession(
  db: StoreDb,
  row: NewAuthorizationSession,
): Promise<void> {
  await db.insertInto('authorization_sessions').values(row).execute();
}

/**
 * Marks a session used, exactly once: resolves `false` when it was already
 * used or retired (a replayed or raced callback), and then writes nothing.
 *
 * @example
 * if (!(await useAuthorizationSession(db, session.id, now))) throw stateRefused('state_used');
 */
export async function useAuthorizationSession(
  db: StoreDb,
  sessionId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('authorization_sessions')
    .set({ used_at: now.toISOString() })
    .where('id', '=', sessionId)
    .where('used_at', 'is', null)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Retires a session (a failed callback) unless it already was.
 *
 * @example
 * await retireAuthorizationSession(db, session.id, now);
 */
export async function retireAuthorizationSession(
  db: StoreDb,
  sessionId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('authorization_sessions')
    .set({ retired_at: now.toISOString() })
    .where('id', '=', sessionId)
    .where('retired_at', 'is', null)
    .execute();
}

/** The query behind {@link retireExpiredAuthorizationSessions}, for plan checks. */
export function retireExpiredAuthorizationSessionsQuery(db: StoreDb, now: Date) {
  const stamp = now.toISOString();
  return db
    .updateTable('authorization_sessions')
    .set({ retired_at: stamp })
    .where('used_at', 'is', null)
    .where('retired_at', 'is', null)
    .where('expires_at', '<=', stamp);
}

/**
 * Retires every unused session whose lifetime ended by `now`. Resolves how many.
 *
 * @example
 * const retired = await retireExpiredAuthorizationSessions(db, now);
 */
export async function retireExpiredAuthorizationSessions(db: StoreDb, now: Date): Promise<number> {
  const result = await retireExpiredAuthorizationSessionsQuery(db, now).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
