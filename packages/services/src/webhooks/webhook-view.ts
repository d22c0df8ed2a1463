import {
  EventTypeSchema,
  type Webhook,
  type WebhookDelivery,
  WebhookDeliveryErrorSchema,
  WebhookDeliveryStatusSchema,
} from '@conn/setup-engine';
import type { WebhookDeliveryListing, WebhookRow } from '@conn/store';
import { z } from 'zod';

const EventTypesSchema = z.array(EventTypeSchema);

/**
 * A webhook row as the owner sees it: never its sealed secret.
 *
 * @example
 * const view = webhookView(row);
 */
export function webhookView(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    event_types: EventTypesSchema.parse(JSON.parse(row.event_types_json)),
    description: row.description,
    created_at: row.created_at,
  };
}

/**
 * A delivery row as the owner's delivery log shows it.
 *
 * @example
 * const view = webhookDeliveryView(listing);
 */
export function webhookDeliveryView(row: WebhookDeliveryListing): WebhookDelivery {
  return {
    id: row.id,
    webhook_id: row.webhook_id,
    event_id: row.event_id,
    event_type: EventTypeSchema.parse(row.event_type),
    replay_of: row.replay_of,
    status: WebhookDeliveryStatusSchema.parse(row.status),
    attempts: row.attempts,
    last_attempt_at: row.last_attempt_at,
    last_status_code: row.last_status_code,
    last_error: row.last_error === null ? null : WebhookDeliveryErrorSchema.parse(row.last_error),
    next_attempt_at: row.status === 'pending' ? row.next_attempt_at : null,
    created_at: row.created_at,
    delivered_at: row.delivered_at,
  };
}
