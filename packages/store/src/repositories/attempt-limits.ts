import type { AttemptLimitRow } from '../schema';
import type { StoreDb } from './store-db';

/**
 * A client's guess counter for `scope`, created empty when it has none and
 * locked for the rest of the transaction: concurrent guesses from one client
 * (in this process or on another replica) take their turn on the same row,
 * so none is counted twice or lost. On SQLite the serialized writer gives the
 * same guarantee.
 *
 * @example
 * const row = await lockAttemptLimit(trx, 'owner_password', ip, stamp);
 */
export async function lockAttemptLimit(
  db: StoreDb,
  scope: string,
  client: string,
  now: string,
): Promise<AttemptLimitRow> {
  // One statement, so it locks and returns the row even when a guess that succeeded forgets it
  // meanwhile: an insert that did nothing followed by a select found no row in that gap.
  // Updating the key to itself is what takes the lock on a row that exists.
  return db
    .insertInto('attempt_limits')
    .values({
      scope,
      client,
      attempts: 0,
      window_started_at: now,
      strikes: 0,
      blocked_until: null,
      last_attempt_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['scope', 'client']).doUpdateSet((eb) => ({ scope: eb.ref('excluded.scope') })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Writes back a counter read with {@link lockAttemptLimit}.
 *
 * @example
 * await putAttemptLimit(trx, { ...row, attempts: row.attempts + 1 });
 */
export async function putAttemptLimit(db: StoreDb, row: AttemptLimitRow): Promise<void> {
  const { scope, client, ...rest } = row;
  await db
    .updateTable('attempt_limits')
    .set(rest)
    .where('scope', '=', scope)
    .where('client', '=', client)
    .execute();
}

/**
 * Forgets a client's guesses at `scope` (after it proved it knows the secret).
 *
 * @example
 * await forgetAttemptLimit(store.db, 'owner_password', ip);
 */
export async function forgetAttemptLimit(
  db: StoreDb,
  scope: string,
  client: string,
): Promise<void> {
  await db
    .deleteFrom('attempt_limits')
    .where('scope', '=', scope)
    .where('client', '=', client)
    .execute();
}

/**
 * Forgets every client whose last guess is older than `before` and who is no
 * longer made to wait; returns how many.
 *
 * @example
 * await forgetQuietAttemptLimits(store.db, dayAgo.toISOString(), now.toISOString());
 */
export async function forgetQuietAttemptLimits(
  db: StoreDb,
  before: string,
  now: string,
): Promise<number> {
  const result = await db
    .deleteFrom('attempt_limits')
    .where('last_attempt_at', '<', before)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
