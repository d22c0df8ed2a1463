import type { Webhook } from '@conn/setup-engine';
import { cancelPendingDeliveries, deleteOwnedWebhook } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { webhookNotFound } from './webhook-not-found';
import { webhookView } from './webhook-view';

/**
 * Deletes one of the owner's webhooks: it receives nothing more, and its
 * deliveries not yet made are cancelled. Another owner's id, or one deleted
 * already, is `webhook_not_found`.
 *
 * @example
 * const deleted = await services.deleteWebhook(ownerId, 'whk_…');
 */
export async function deleteWebhook(
  deps: ServiceDeps,
  ownerId: string,
  webhookId: string,
): Promise<Webhook> {
  const now = deps.clock();
  const row = await deps.store.transaction(async (trx) => {
    const deleted = await deleteOwnedWebhook(trx, ownerId, webhookId, now.toISOString());
    if (deleted === undefined) throw webhookNotFound();
    await cancelPendingDeliveries(trx, webhookId);
    await writeAuditEvent(trx, now, {
      ownerId,
      actor: 'owner',
      action: 'webhook.deleted',
      connectionId: null,
      details: { webhook_id: webhookId },
    });
    return deleted;
  });
  return webhookView(row);
}
