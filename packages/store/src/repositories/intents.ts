import { preparedInsert, preparedQuery } from '../prepared-query';
import type { IntentRow, NewIntent } from '../schema';
import type { StoreDb } from './store-db';

const insertIntentRowsOnce = preparedInsert('intents', (query) =>
  query.onConflict((conflict) => conflict.doNothing()).returning('id'),
);

/**
 * Inserts an intent unless one with the same (owner, idempotency key) exists:
 * the unique index settles concurrent retries, and the loser's transaction
 * stays usable. Resolves whether this call inserted it.
 *
 * @example
 * if (!(await insertIntentOnce(trx, row))) return readWinner();
 */
export async function insertIntentOnce(db: StoreDb, row: NewIntent): Promise<boolean> {
  const inserted = await insertIntentRowsOnce(db, [row]);
  return inserted.length > 0;
}

/**
 * Links an intent to the connection it materialized (and the one it reconnects, if any).
 *
 * @example
 * await linkIntentConnection(trx, intentId, { connection_id, reconnect_connection_id: null });
 */
export async function linkIntentConnection(
  db: StoreDb,
  intentId: string,
  link: { readonly connection_id: string; readonly reconnect_connection_id: string | null },
): Promise<void> {
  await linkQuery(db, intentId, link.connection_id, link.reconnect_connection_id);
}

// Every intent that materializes a draft runs it: compiled once.
const linkQuery = preparedQuery(
  (db, intentId: string, connectionId: string, reconnectId: string | null) =>
    db
      .updateTable('intents')
      .set({ connection_id: connectionId, reconnect_connection_id: reconnectId })
      .where('id', '=', intentId),
);

/** The query behind {@link findIntentByIdempotencyKey}, for plan checks. */
export function intentByIdempotencyKeyQuery(db: StoreDb, ownerId: string, idempotencyKey: string) {
  return db
    .selectFrom('intents')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('idempotency_key', '=', idempotencyKey);
}

/**
 * The owner's intent recorded under this idempotency key, or `undefined`.
 *
 * @example
 * const existing = await findIntentByIdempotencyKey(db, ownerId, key);
 */
export async function findIntentByIdempotencyKey(
  db: StoreDb,
  ownerId: string,
  idempotencyKey: string,
): Promise<IntentRow | undefined> {
  return intentByIdempotencyKeyQuery(db, ownerId, idempotencyKey).executeTakeFirst();
}

/**
 * One of the owner's intents; `undefined` when it does not exist or is another owner's.
 *
 * @example
 * const row = await findOwnedIntent(db, ownerId, intentId);
 */
export async function findOwnedIntent(
  db: StoreDb,
  ownerId: string,
  intentId: string,
): Promise<IntentRow | undefined> {
  return db
    .selectFrom('intents')
    .selectAll()
    .where('id', '=', intentId)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
}
