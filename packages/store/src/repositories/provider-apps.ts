import { preparedQuery } from '../prepared-query';
import type { NewProviderApp, ProviderAppRow } from '../schema';
import type { StoreDb } from './store-db';

/**
 * The provider app saved for an app group, or `undefined`.
 *
 * @example
 * const row = await findProviderApp(db, descriptor.group);
 */
export async function findProviderApp(
  db: StoreDb,
  groupKey: string,
): Promise<ProviderAppRow | undefined> {
  return db
    .selectFrom('provider_apps')
    .selectAll()
    .where('group_key', '=', groupKey)
    .executeTakeFirst();
}

/**
 * The provider app of a group the caller just saved; throws kysely's `NoResultError` otherwise.
 *
 * @example
 * const row = await getProviderApp(trx, group);
 */
export async function getProviderApp(db: StoreDb, groupKey: string): Promise<ProviderAppRow> {
  return db
    .selectFrom('provider_apps')
    .selectAll()
    .where('group_key', '=', groupKey)
    .executeTakeFirstOrThrow();
}

/**
 * Every saved provider app, by group key (sealed secrets included: callers show metadata only).
 *
 * @example
 * const rows = await listSavedProviderApps(db);
 */
export async function listSavedProviderApps(db: StoreDb): Promise<ProviderAppRow[]> {
  return db.selectFrom('provider_apps').selectAll().orderBy('group_key').execute();
}

/**
 * The group keys of every saved provider app, in no particular order.
 *
 * @example
 * const configured = await listProviderAppGroups(store.db);
 */
export async function listProviderAppGroups(db: StoreDb): Promise<string[]> {
  const rows = await providerAppGroupsQuery(db);
  return rows.map((row) => row.group_key);
}

// Planning reads it on every intent and plan: compiled once.
const providerAppGroupsQuery = preparedQuery((db) =>
  db.selectFrom('provider_apps').select('group_key'),
);

/**
 * Saves a group's provider app: inserts it, or replaces the saved client id,
 * instance URL and sealed secret (keeping its `created_at`).
 *
 * @example
 * await upsertProviderApp(trx, { group_key, client_id, instance_url, client_secret_sealed, key_id, … });
 */
export async function upsertProviderApp(db: StoreDb, row: NewProviderApp): Promise<void> {
  await db
    .insertInto('provider_apps')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('group_key').doUpdateSet({
        client_id: row.client_id,
        instance_url: row.instance_url ?? null,
        client_secret_sealed: row.client_secret_sealed,
        key_id: row.key_id,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
