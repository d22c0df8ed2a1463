import type { CreatedWebhook, EventType } from '@conn/setup-engine';
import { insertWebhook, lastEventId, newId, newToken, tokenPrefixes } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { checkWebhookTarget } from './check-webhook-target';
import { lockWebhookCursor } from './webhook-cursor';
import { webhookView } from './webhook-view';

/** What the owner registers: where, which event types (none: all), and a note. */
export interface WebhookRegistration {
  url: string;
  event_types: readonly EventType[];
  description?: string;
}

/**
 * Registers a webhook for the owner. The URL is checked against the
 * instance's target rules; the signing secret is generated here, sealed for
 * this webhook, and returned this once. The webhook receives the events
 * committed after it.
 *
 * @example
 * const { webhook, secret } = await services.createWebhook(ownerId, { url, event_types: [] });
 */
export async function registerWebhook(
  deps: ServiceDeps,
  ownerId: string,
  registration: WebhookRegistration,
): Promise<CreatedWebhook> {
  const url = await checkWebhookTarget(registration.url, deps.webhooks);
  deps.vault.assertAvailable();
  const id = newId('whk');
  const secret = newToken(tokenPrefixes.webhookSecret);
  const now = deps.clock();
  const row = await deps.store.transaction(async (trx) => {
    await lockWebhookCursor(trx);
    const inserted = {
      id,
      owner_id: ownerId,
      url: url.href,
      event_types_json: JSON.stringify([...new Set(registration.event_types)]),
      description: registration.description ?? null,
      secret_sealed: deps.vault.seal(secret, { webhookId: id }),
      key_id: deps.vault.primaryKeyId ?? '',
      after_event_id: await lastEventId(trx),
      created_at: now.toISOString(),
      deleted_at: null,
    };
    await insertWebhook(trx, inserted);
    await writeAuditEvent(trx, now, {
      ownerId,
      actor: 'owner',
      action: 'webhook.created',
      connectionId: null,
      details: { webhook_id: id },
    });
    return inserted;
  });
  return { webhook: webhookView(row), secret: secret.reveal() };
}
