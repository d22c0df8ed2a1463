import type { WebhookDelivery } from '@conn/setup-engine';
import {
  claimNextDelivery,
  type DeliverySettlement,
  findEvent,
  findWebhookDelivery,
  getWebhook,
  settleDelivery,
  type WebhookDeliveryRow,
} from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { type AttemptResult, attemptWebhookDelivery } from './attempt-webhook-delivery';
import { webhookRetryDelay } from './webhook-retry-delay';
import { webhookDeliveryView } from './webhook-view';

function settlementFor(
  deps: ServiceDeps,
  delivery: WebhookDeliveryRow,
  result: AttemptResult,
  attemptedAt: Date,
): DeliverySettlement {
  const outcome = {
    attemptedAt: attemptedAt.toISOString(),
    statusCode: result.statusCode,
    error: result.error,
  };
  if (result.error === null) return { ...outcome, status: 'succeeded', nextAttemptAt: null };
  const queuedFor = attemptedAt.getTime() - Date.parse(delivery.created_at);
  if (queuedFor >= deps.webhooks.retryWindowMs) {
    return { ...outcome, status: 'failed', nextAttemptAt: null };
  }
  const delay = webhookRetryDelay(delivery.attempts, deps.webhooks);
  return {
    ...outcome,
    status: 'pending',
    nextAttemptAt: new Date(attemptedAt.getTime() + delay).toISOString(),
  };
}

/**
 * Claims the delivery due longest ago (row locks on PostgreSQL, so replicas
 * never make the same attempt), makes one signed attempt, and records it: a
 * 2xx is `succeeded`; anything else waits its backoff and is tried again,
 * until it has been queued for the retry window (24 h), when the failing
 * attempt makes it `failed`. Resolves the delivery as recorded, or `null`
 * when none was due.
 *
 * @example
 * const delivery = await services.deliverNextWebhook(workerId);
 */
export async function deliverNextWebhook(
  deps: ServiceDeps,
  workerId: string,
): Promise<WebhookDelivery | null> {
  const { db } = deps.store;
  const claimed = await claimNextDelivery(deps.store, {
    workerId,
    now: deps.clock(),
    leaseMs: deps.webhooks.leaseMs,
  });
  if (claimed === undefined) return null;
  const webhook = await getWebhook(db, claimed.webhook_id);
  const event = await findEvent(db, claimed.event_id);
  const settled: DeliverySettlement =
    webhook === undefined || webhook.deleted_at !== null || event === undefined
      ? {
          status: 'cancelled',
          nextAttemptAt: null,
          attemptedAt: null,
          statusCode: null,
          error: null,
        }
      : settlementFor(
          deps,
          claimed,
          await attemptWebhookDelivery(deps, webhook, claimed, event),
          deps.clock(),
        );
  await settleDelivery(db, claimed, workerId, settled);
  const recorded = await findWebhookDelivery(db, claimed.webhook_id, claimed.id);
  return recorded === undefined ? null : webhookDeliveryView(recorded);
}
