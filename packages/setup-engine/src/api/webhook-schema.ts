import { z } from 'zod';
import { EventTypeSchema } from '../events/event-types';

/** A registered webhook as reads show it: never its signing secret. */
export const WebhookSchema = z.strictObject({
  id: z.string(),
  url: z.string(),
  /** The event types it receives; empty: every type. */
  event_types: z.array(EventTypeSchema),
  description: z.string().nullable(),
  created_at: z.string(),
});
export type Webhook = z.infer<typeof WebhookSchema>;

/**
 * `POST /v1/owner/webhooks`: the webhook and its signing secret, shown this
 * once (conn keeps it sealed and never shows it again).
 *
 * @example
 * const { webhook, secret } = await ownerClient.createWebhook({ url, eventTypes: ['connection_activated'] });
 */
export const CreatedWebhookSchema = z.strictObject({
  webhook: WebhookSchema,
  secret: z.string(),
});
export type CreatedWebhook = z.infer<typeof CreatedWebhookSchema>;

/** The body of `GET /v1/owner/webhooks`. */
export const WebhookListSchema = z.strictObject({ webhooks: z.array(WebhookSchema) });

/** The body of `DELETE /v1/owner/webhooks/:id`. */
export const DeletedWebhookSchema = z.strictObject({ webhook: WebhookSchema });

/**
 * Where a delivery stands: `pending` (waiting for an attempt or a retry),
 * `succeeded` (the receiver answered 2xx), `failed` (retries ran out),
 * `cancelled` (its webhook was deleted first).
 */
export const webhookDeliveryStatuses = ['pending', 'succeeded', 'failed', 'cancelled'] as const;
export const WebhookDeliveryStatusSchema = z.enum(webhookDeliveryStatuses);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatusSchema>;

/**
 * Why the last attempt did not succeed, as a code (never the receiver's
 * answer): `http_error` (a non-2xx status, redirects included: they are not
 * followed), `timeout` (no answer within 10 s), `unreachable` (no
 * connection), `target_not_allowed` (the URL now resolves to an address the
 * instance refuses), `secret_unavailable` (the signing secret cannot be opened).
 */
export const webhookDeliveryErrors = [
  'http_error',
  'timeout',
  'unreachable',
  'target_not_allowed',
  'secret_unavailable',
] as const;
export const WebhookDeliveryErrorSchema = z.enum(webhookDeliveryErrors);
export type WebhookDeliveryError = z.infer<typeof WebhookDeliveryErrorSchema>;

/** One delivery of one event to a webhook, as the owner's delivery log shows it. */
export const WebhookDeliverySchema = z.strictObject({
  id: z.string(),
  webhook_id: z.string(),
  event_id: z.number().int(),
  event_type: EventTypeSchema,
  /** The delivery this one replays (an owner's redeliver); null for the original. */
  replay_of: z.string().nullable(),
  status: WebhookDeliveryStatusSchema,
  attempts: z.number().int(),
  last_attempt_at: z.string().nullable(),
  last_status_code: z.number().int().nullable(),
  last_error: WebhookDeliveryErrorSchema.nullable(),
  /** When the next attempt is due; null once settled. */
  next_attempt_at: z.string().nullable(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

/** The body of `GET /v1/owner/webhooks/:id/deliveries`: newest first. */
export const WebhookDeliveryListSchema = z.strictObject({
  deliveries: z.array(WebhookDeliverySchema),
});

/** The body of `POST /v1/owner/webhooks/:id/deliveries/:delivery_id/redeliver`: the queued replay. */
export const RedeliverySchema = z.strictObject({ delivery: WebhookDeliverySchema });
