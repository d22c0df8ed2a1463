import {
  isConnError,
  type Secret,
  type WebhookDeliveryError,
  webhookHeaders,
} from '@conn/setup-engine';
import type { EventRow, WebhookDeliveryRow, WebhookRow } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { checkWebhookTarget } from './check-webhook-target';
import { signWebhookBody } from './sign-webhook-body';

/** How one attempt went: the receiver's status (when it answered) and, unless 2xx, why it failed. */
export interface AttemptResult {
  readonly statusCode: number | null;
  readonly error: WebhookDeliveryError | null;
}

function openSecret(deps: ServiceDeps, webhook: WebhookRow): Secret | null {
  try {
    return deps.vault.openSecret(webhook.secret_sealed, { webhookId: webhook.id });
  } catch {
    return null;
  }
}

/**
 * POSTs an event's stored JSON to a webhook once, signed: the URL is checked
 * again first (its name may resolve elsewhere now), redirects are not
 * followed (a 3xx is a failed attempt, so a receiver cannot bounce the
 * delivery to an unchecked target), the attempt is cut at the timeout, and
 * the receiver's answer is never read beyond its status.
 *
 * @example
 * const { statusCode, error } = await attemptWebhookDelivery(deps, webhook, delivery, event);
 */
export async function attemptWebhookDelivery(
  deps: ServiceDeps,
  webhook: WebhookRow,
  delivery: WebhookDeliveryRow,
  event: EventRow,
): Promise<AttemptResult> {
  try {
    await checkWebhookTarget(webhook.url, deps.webhooks);
  } catch (error) {
    if (isConnError(error, 'webhook_target_not_allowed'))
      return { statusCode: null, error: 'target_not_allowed' };
    throw error;
  }
  const secret = openSecret(deps, webhook);
  if (secret === null) return { statusCode: null, error: 'secret_unavailable' };
  const body = event.body_json;
  let response: Response;
  try {
    response = await deps.fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'conn-webhooks',
        [webhookHeaders.webhookId]: webhook.id,
        [webhookHeaders.deliveryId]: delivery.id,
        [webhookHeaders.eventId]: String(delivery.event_id),
        [webhookHeaders.eventType]: event.type,
        [webhookHeaders.signature]: signWebhookBody(secret, body, deps.clock()),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.webhooks.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    return { statusCode: null, error: name === 'TimeoutError' ? 'timeout' : 'unreachable' };
  }
  await response.body?.cancel().catch(() => {});
  const ok = response.status >= 200 && response.status < 300;
  return { statusCode: response.status, error: ok ? null : 'http_error' };
}
