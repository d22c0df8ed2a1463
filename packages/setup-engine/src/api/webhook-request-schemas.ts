import { z } from 'zod';
import { EventTypeSchema } from '../events/event-types';

/** The longest webhook URL conn accepts. */
export const maxWebhookUrlLength = 2048;

/** The body of `POST /v1/owner/webhooks`. */
export const WebhookRequestSchema = z.strictObject({
  /** An `http(s)` URL; checked against the instance's target rules on registration and on each delivery. */
  url: z.string().trim().min(1).max(maxWebhookUrlLength),
  /** The event types to receive; empty or left out: every type. */
  event_types: z.array(EventTypeSchema).max(100).default([]),
  description: z.string().trim().min(1).max(200).optional(),
});
export type WebhookRequest = z.input<typeof WebhookRequestSchema>;

/** The query of `GET /v1/owner/webhooks/:id/deliveries`. */
export const WebhookDeliveryListQuerySchema = z.strictObject({
  /** Default 50, at most 100. */
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
