import type { Webhook } from '@conn/setup-engine';
import { listOwnerWebhooks } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { webhookView } from './webhook-view';

/**
 * The owner's live webhooks, oldest first, without their secrets.
 *
 * @example
 * const webhooks = await services.listWebhooks(ownerId);
 */
export async function listWebhooks(deps: ServiceDeps, ownerId: string): Promise<Webhook[]> {
  return (await listOwnerWebhooks(deps.store.db, ownerId)).map(webhookView);
}
