import { ConnError, type WebhookDelivery } from '@conn/setup-engine';
import { findWebhookDelivery, insertWebhookDeliveries, newId } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { loadOwnedWebhook } from './load-owned-webhook';
import { webhookDeliveryView } from './webhook-view';

/**
 * Queues a fresh delivery of a delivery's event to the same webhook (an
 * owner's replay): a new delivery row with its own id, due now, retried like
 * any other. The original keeps its history; the replay names it in
 * `replay_of`, and the receiver sees the same `Conn-Event-Id`.
 *
 * @example
 * const replay = await services.redeliverWebhookDelivery(ownerId, 'whk_…', 'whd_…');
 */
export async function redeliverWebhookDelivery(
  deps: ServiceDeps,
  ownerId: string,
  webhookId: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  const now = deps.clock();
  const stamp = now.toISOString();
  const replay = await deps.store.transaction(async (trx) => {
    await loadOwnedWebhook(trx, ownerId, webhookId);
    const original = await findWebhookDelivery(trx, webhookId, deliveryId);
    if (original === undefined) {
      throw new ConnError(
        'webhook_delivery_not_found',
        `No delivery ${deliveryId} of this webhook.`,
      );
    }
    const id = newId('whd');
    await insertWebhookDeliveries(trx, [
      {
        id,
        webhook_id: webhookId,
        event_id: original.event_id,
        replay_of: original.id,
        status: 'pending',
        attempts: 0,
        next_attempt_at: stamp,
        last_attempt_at: null,
        last_status_code: null,
        last_error: null,
        claimed_by: null,
        claimed_at: null,
        created_at: stamp,
        delivered_at: null,
      },
    ]);
    await writeAuditEvent(trx, now, {
      ownerId,
      actor: 'owner',
      action: 'webhook.redelivered',
      connectionId: null,
      details: { webhook_id: webhookId, delivery_id: id, replay_of: original.id },
    });
    const inserted = await findWebhookDelivery(trx, webhookId, id);
    if (inserted === undefined) throw new ConnError('internal_error', 'The replay was not stored.');
    return inserted;
  });
  return webhookDeliveryView(replay);
}
