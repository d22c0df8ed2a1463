import type { WebhookDelivery } from '@conn/setup-engine';
import { listWebhookDeliveries as listDeliveryRows } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { loadOwnedWebhook } from './load-owned-webhook';
import { webhookDeliveryView } from './webhook-view';

/**
 * One of the owner's webhooks' delivery log, newest first, up to `limit`
 * (default 50, at most 100).
 *
 * @example
 * const deliveries = await services.listWebhookDeliveries(ownerId, 'whk_…', { limit: 20 });
 */
export async function listWebhookDeliveries(
  deps: ServiceDeps,
  ownerId: string,
  webhookId: string,
  options: { limit?: number } = {},
): Promise<WebhookDelivery[]> {
  const { db } = deps.store;
  await loadOwnedWebhook(db, ownerId, webhookId);
  const limit = Math.min(Math.max(1, options.limit ?? 50), 100);
  return (await listDeliveryRows(db, webhookId, limit)).map(webhookDeliveryView);
}
