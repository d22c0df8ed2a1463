import type { RefreshCooldownRow } from '../schema';
import type { StoreDb } from './store-db';

/**
 * The connection's renewal cooldown, if its last renewal failed.
 *
 * @example
 * const cooldown = await findRefreshCooldown(store.db, connection.id);
 */
export async function findRefreshCooldown(
  db: StoreDb,
  connectionId: string,
): Promise<RefreshCooldownRow | undefined> {
  return db
    .selectFrom('refresh_cooldowns')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
}

/**
 * Writes a connection's cooldown whole (insert or replace).
 *
 * @example
 * await putRefreshCooldown(trx, { connection_id, failures: 1, retry_at, updated_at });
 */
export async function putRefreshCooldown(db: StoreDb, row: RefreshCooldownRow): Promise<void> {
  const { connection_id: _, ...rest } = row;
  await db
    .insertInto('refresh_cooldowns')
    .values(row)
    .onConflict((oc) => oc.column('connection_id').doUpdateSet(rest))
    .execute();
}

/**
 * Ends a connection's cooldown (its renewal succeeded).
 *
 * @example
 * await clearRefreshCooldown(trx, connection.id);
 */
export async function clearRefreshCooldown(db: StoreDb, connectionId: string): Promise<void> {
  await db.deleteFrom('refresh_cooldowns').where('connection_id', '=', connectionId).execute();
}
