import { preparedQuery } from '../prepared-query';
import type { SyncHealthRow } from '../schema';
import type { StoreDb } from './store-db';

/**
 * The health rows of these connections; connections that never synced have none.
 *
 * @example
 * const healthBy = new Map((await listSyncHealthOf(db, ids)).map((row) => [row.connection_id, row]));
 */
export async function listSyncHealthOf(
  db: StoreDb,
  connectionIds: readonly string[],
): Promise<SyncHealthRow[]> {
  if (connectionIds.length === 0) return [];
  return syncHealthOfQuery(db, connectionIds);
}

// Read with every setup-status view: built and compiled once per list length.
const syncHealthOfQuery = preparedQuery((db, connectionIds: readonly string[]) =>
  db.selectFrom('sync_health').selectAll().where('connection_id', 'in', connectionIds),
);

/**
 * One connection's health row, if it has one.
 *
 * @example
 * const health = await getSyncHealth(trx, connection.id);
 */
export async function getSyncHealth(
  db: StoreDb,
  connectionId: string,
): Promise<SyncHealthRow | undefined> {
  return db
    .selectFrom('sync_health')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
}

/**
 * Writes a connection's health row whole (insert or replace).
 *
 * @example
 * await putSyncHealth(trx, { ...health, next_sync_at: next, updated_at: now });
 */
export async function putSyncHealth(db: StoreDb, row: SyncHealthRow): Promise<void> {
  const { connection_id: _, ...rest } = row;
  await db
    .insertInto('sync_health')
    .values(row)
    .onConflict((oc) => oc.column('connection_id').doUpdateSet(rest))
    .execute();
}

/**
 * Connections whose scheduled sync is due, oldest first.
 *
 * @example
 * const due = await listDueSyncs(db, now.toISOString(), 50);
 */
export async function listDueSyncs(
  db: StoreDb,
  now: string,
  limit: number,
): Promise<Pick<SyncHealthRow, 'connection_id' | 'next_sync_at'>[]> {
  return db
    .selectFrom('sync_health')
    .select(['connection_id', 'next_sync_at'])
    .where('next_sync_at', '<=', now)
    .orderBy('next_sync_at')
    .limit(limit)
    .execute();
}

/**
 * Claims a due sync by clearing its time, only if it is still the one read:
 * of two replicas that saw the same due row, exactly one gets `true`.
 *
 * @example
 * if (await claimDueSync(trx, id, row.next_sync_at, now)) await queueRunIn(trx, …);
 */
export async function claimDueSync(
  db: StoreDb,
  connectionId: string,
  dueAt: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('sync_health')
    .set({ next_sync_at: null, updated_at: now })
    .where('connection_id', '=', connectionId)
    .where('next_sync_at', '=', dueAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Connections that turned stale by `now` (nothing succeeded for three
 * intervals) and are not yet marked as needing attention for it.
 *
 * @example
 * for (const row of await listTurnedStale(db, now.toISOString(), 50)) markStale(row);
 */
export async function listTurnedStale(
  db: StoreDb,
  now: string,
  limit: number,
): Promise<SyncHealthRow[]> {
  return db
    .selectFrom('sync_health')
    .selectAll()
    .where('stale_at', '<=', now)
    .where('attention_reason', 'is', null)
    .orderBy('stale_at')
    .limit(limit)
    .execute();
}

/**
 * Health rows of active connections whose credential the provider said
 * expires at or before `before` (the end of the notice window), not yet
 * flagged for attention, soonest first: each is raised once.
 *
 * @example
 * for (const health of await listTurnedExpiring(db, expiringBefore(now), 100)) raise(health);
 */
export async function listTurnedExpiring(
  db: StoreDb,
  before: string,
  limit: number,
): Promise<SyncHealthRow[]> {
  return db
    .selectFrom('sync_health')
    .innerJoin('credentials', 'credentials.connection_id', 'sync_health.connection_id')
    .innerJoin('connections', 'connections.id', 'sync_health.connection_id')
    .selectAll('sync_health')
    .where('credentials.expires_at', '<=', before)
    .where('sync_health.attention_reason', 'is', null)
    .where('connections.status', '=', 'active')
    .orderBy('credentials.expires_at')
    .limit(limit)
    .execute();
}
