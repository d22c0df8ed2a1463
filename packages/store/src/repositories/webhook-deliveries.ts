import type { NewWebhookDelivery, WebhookDeliveryRow } from '../schema';
import type { StoreDb } from './store-db';

/** A delivery as the owner's log shows it: the row and its event's type. */
export type WebhookDeliveryListing = WebhookDeliveryRow & { event_type: string };

/**
 * Inserts deliveries; a fan-out delivery of a (webhook, event) pair that
 * already has one is skipped, so a repeated fan-out never delivers twice.
 *
 * @example
 * await insertWebhookDeliveries(trx, [{ id: newId('whd'), webhook_id, event_id, … }]);
 */
export async function insertWebhookDeliveries(
  db: StoreDb,
  rows: readonly NewWebhookDelivery[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('webhook_deliveries')
    .values([...rows])
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * A webhook's deliveries, newest first, up to `limit`, each with its event's
 * type. Served by `(webhook_id, created_at, id)`.
 *
 * @example
 * const deliveries = await listWebhookDeliveries(store.db, webhookId, 50);
 */
export async function listWebhookDeliveries(
  db: StoreDb,
  webhookId: string,
  limit: number,
): Promise<WebhookDeliveryListing[]> {
  return webhookDeliveriesQuery(db, webhookId, limit).execute();
}

/** The query behind {@link listWebhookDeliveries}, for the query-plan test. */
export function webhookDeliveriesQuery(db: StoreDb, webhookId: string, limit: number) {
  return db
    .selectFrom('webhook_deliveries')
    .innerJoin('events', 'events.id', 'webhook_deliveries.event_id')
    .selectAll('webhook_deliveries')
    .select('events.type as event_type')
    .where('webhook_deliveries.webhook_id', '=', webhookId)
    .orderBy('webhook_deliveries.created_at', 'desc')
    .orderBy('webhook_deliveries.id', 'desc')
    .limit(limit);
}

/**
 * One delivery of a webhook, with its event's type; `undefined` when the
 * webhook has no delivery of that id.
 *
 * @example
 * const delivery = await findWebhookDelivery(store.db, webhookId, deliveryId);
 */
export async function findWebhookDelivery(
  db: StoreDb,
  webhookId: string,
  deliveryId: string,
): Promise<WebhookDeliveryListing | undefined> {
  return db
    .selectFrom('webhook_deliveries')
    .innerJoin('events', 'events.id', 'webhook_deliveries.event_id')
    .selectAll('webhook_deliveries')
    .select('events.type as event_type')
    .where('webhook_deliveries.webhook_id', '=', webhookId)
    .where('webhook_deliveries.id', '=', deliveryId)
    .executeTakeFirst();
}

/**
 * Cancels a webhook's deliveries not yet settled (it was deleted); an
 * attempt in flight then finds its delivery settled and records nothing.
 *
 * @example
 * await cancelPendingDeliveries(trx, webhookId);
 */
export async function cancelPendingDeliveries(db: StoreDb, webhookId: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'cancelled', next_attempt_at: null })
    .where('webhook_id', '=', webhookId)
    .where('status', '=', 'pending')
    .execute();
}
