import { findOwnedWebhook, type StoreDb, type WebhookRow } from '@conn/store';
import { webhookNotFound } from './webhook-not-found';

/**
 * One of the owner's live webhooks, or `webhook_not_found` (another owner's
 * id reads the same as a missing one).
 *
 * @example
 * const webhook = await loadOwnedWebhook(deps.store.db, ownerId, webhookId);
 */
export async function loadOwnedWebhook(
  db: StoreDb,
  ownerId: string,
  webhookId: string,
): Promise<WebhookRow> {
  const row = await findOwnedWebhook(db, ownerId, webhookId);
  if (row === undefined) throw webhookNotFound();
  return row;
}
