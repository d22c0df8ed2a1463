import { preparedQuery } from '../prepared-query';
import type { NewWebhook, WebhookRow } from '../schema';
import type { StoreDb } from './store-db';

/**
 * Inserts a new webhook (its secret sealed).
 *
 * @example
 * await insertWebhook(store.db, { id: newId('whk'), owner_id, url, secret_sealed, … });
 */
export async function insertWebhook(db: StoreDb, row: NewWebhook): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

/**
 * The owner's live webhooks, oldest first. Served by `(owner_id, created_at, id)`.
 *
 * @example
 * const webhooks = await listOwnerWebhooks(store.db, ownerId);
 */
export async function listOwnerWebhooks(db: StoreDb, ownerId: string): Promise<WebhookRow[]> {
  return ownerWebhooksQuery(db, ownerId).execute();
}

/** The query behind {@link listOwnerWebhooks}, for the query-plan test. */
export function ownerWebhooksQuery(db: StoreDb, ownerId: string) {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id');
}

/**
 * One of the owner's live webhooks; `undefined` when it does not exist, was
 * deleted, or is another owner's.
 *
 * @example
 * const webhook = await findOwnedWebhook(store.db, ownerId, id);
 */
export async function findOwnedWebhook(
  db: StoreDb,
  ownerId: string,
  webhookId: string,
): Promise<WebhookRow | undefined> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('id', '=', webhookId)
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/**
 * A webhook by id, deleted or not (a delivery worker reads its URL and secret).
 *
 * @example
 * const webhook = await getWebhook(store.db, delivery.webhook_id);
 */
export async function getWebhook(db: StoreDb, webhookId: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', webhookId).executeTakeFirst();
}

/**
 * Marks one of the owner's live webhooks deleted; resolves it, or `undefined`
 * when there was none to delete.
 *
 * @example
 * const deleted = await deleteOwnedWebhook(trx, ownerId, id, now.toISOString());
 */
export async function deleteOwnedWebhook(
  db: StoreDb,
  ownerId: string,
  webhookId: string,
  deletedAt: string,
): Promise<WebhookRow | undefined> {
  return db
    .updateTable('webhooks')
    .set({ deleted_at: deletedAt })
    .where('id', '=', webhookId)
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Every live webhook of these owners that was registered before `eventId`:
 * the candidates a fan-out matches an event's type against.
 *
 * @example
 * const candidates = await listLiveWebhooksOf(trx, ['own_1']);
 */
export async function listLiveWebhooksOf(
  db: StoreDb,
  ownerIds: readonly string[],
): Promise<WebhookRow[]> {
  if (ownerIds.length === 0) return [];
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('owner_id', 'in', ownerIds)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Whether the deployment has any live webhook: without one, a fan-out only
 * moves its cursor.
 *
 * @example
 * if (!(await hasLiveWebhooks(trx))) return;
 */
export async function hasLiveWebhooks(db: StoreDb): Promise<boolean> {
  const rows = await liveWebhookQuery(db);
  return rows.length > 0;
}

const liveWebhookQuery = preparedQuery((db) =>
  db.selectFrom('webhooks').select('id').where('deleted_at', 'is', null).limit(1),
);
