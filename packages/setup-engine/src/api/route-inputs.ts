import { z } from 'zod';
import { IdempotencyKeySchema, ResourceIdSchema } from './contract-fields';

/**
 * The params, query strings and headers of the contract's routes, each
 * written once and named after what it carries.
 */

/** `:id` of a connection, intent, run, artifact or token. */
export const IdParamsSchema = z.strictObject({ id: ResourceIdSchema });

/** `:id` of a webhook and `:delivery_id` of one of its deliveries. */
export const WebhookDeliveryParamsSchema = z.strictObject({
  id: ResourceIdSchema,
  delivery_id: ResourceIdSchema,
});

/** `:id` of a connection and `:run_id` of one of its runs. */
export const RunParamsSchema = z.strictObject({
  id: ResourceIdSchema,
  run_id: ResourceIdSchema,
});

/** `DELETE /v1/owner/connections/:id?confirm=`: the connection's label or id, typed by the owner. */
export const ConnectionDeleteQuerySchema = z.strictObject({
  confirm: z.string().min(1).max(200),
});

/**
 * `PUT …/credential?same_account=keep`: store the credential even though it
 * belongs to an account another connection of this connector already holds
 * (a deliberate second connection). Without it that is `same_account` (409).
 */
export const CredentialQuerySchema = z.strictObject({
  same_account: z.literal('keep').optional(),
});

/** `:id` of a connection and `:device_id` of a device enrolled for it. */
export const DeviceParamsSchema = z.strictObject({
  id: ResourceIdSchema,
  device_id: ResourceIdSchema,
});

/** `:key` of a connector. */
export const ConnectorParamsSchema = z.strictObject({ key: z.string().min(1).max(64) });

/** `:group` of a provider OAuth app. */
export const ProviderAppParamsSchema = z.strictObject({
  group: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{0,63}$/,
      'a provider app group is lowercase letters, digits and hyphens',
    ),
});

const CursorSchema = z.string().min(1).max(512);

/** `GET /v1/owner/connections?include=pending&cursor=&limit=`. */
export const ConnectionListQuerySchema = z.strictObject({
  include: z.enum(['pending']).optional(),
  cursor: CursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** `GET /v1/owner/connections/:id/records?stream=&cursor=&limit=`. */
export const RecordListQuerySchema = z.strictObject({
  stream: z.string().min(1).max(64).optional(),
  cursor: CursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** `GET /v1/owner/uploads?limit=`: default 50, at most 100. */
export const UploadListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/** `GET /v1/owner/connections/:id/runs?limit=`: how many of the newest runs. */
export const RunListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/** `POST /v1/owner/uploads?connector=KEY`. */
export const UploadQuerySchema = z.strictObject({ connector: z.string().min(1).max(64) });

/** The raw upload's headers: the file name (percent-encoded) and the declared size. */
export const UploadHeadersSchema = z.looseObject({
  'x-conn-file-name': z.string().max(2048).optional(),
  'content-length': z
    .string()
    .regex(/^\d{1,16}$/)
    .optional(),
});

const EventIdSchema = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** `GET /v1/owner/events?after=|before=&connection_id=&limit=`: a page, or the live stream's start. */
export const EventListQuerySchema = z
  .strictObject({
    after: EventIdSchema.optional(),
    /** Paging back: the newest events with an id below this one (still oldest first). */
    before: EventIdSchema.optional(),
    connection_id: ResourceIdSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .refine((query) => query.after === undefined || query.before === undefined, {
    message: 'give after or before, not both',
  });

/**
 * `Last-Event-ID`, which an SSE client sends back on reconnect (the id of the
 * last event it received); `Accept: text/event-stream` asks for the stream.
 */
export const EventStreamHeadersSchema = z.looseObject({
  'last-event-id': EventIdSchema.optional(),
  accept: z.string().max(1024).optional(),
});

/** Retries with the same `Idempotency-Key` and body return the same intent. */
export const IdempotencyHeadersSchema = z.looseObject({
  'idempotency-key': IdempotencyKeySchema.optional(),
});
