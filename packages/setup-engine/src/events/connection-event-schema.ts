import { z } from 'zod';
import { SetupStateSchema } from '../vocabulary';

const timestamp = z.iso.datetime({ offset: true });
/** A stable snake_case code: never free text a provider (or a secret) could have written. */
const code = z.string().regex(/^[a-z][a-z0-9_]*$/);

/** What every event carries. Ids that do not apply are null. */
const base = {
  /** Monotonic per deployment, in commit order: resume after the last one seen. */
  id: z.number().int().positive(),
  occurred_at: timestamp,
  connector: z.string().min(1),
  connection_id: z.string().min(1).nullable(),
  intent_id: z.string().min(1).nullable(),
  run_id: z.string().min(1).nullable(),
  /** The connection's setup state right after the change; null when no connection exists yet. */
  setup_state: SetupStateSchema.nullable(),
};

function event<T extends string, S extends z.ZodRawShape = Record<never, never>>(
  type: T,
  shape?: S,
) {
  return z.strictObject({ type: z.literal(type), ...base, ...(shape ?? ({} as S)) });
}

const run = { run_kind: z.string().min(1) };
const upload = { upload_id: z.string().min(1) };

/**
 * One published lifecycle event: what the outbox stores, `GET /v1/owner/events`
 * streams and webhooks deliver. Strict objects with ids, codes and counts only,
 * so there is no field a secret or a provider's message could travel in.
 *
 * @example
 * const event = ConnectionEventSchema.parse(JSON.parse(message.data));
 * if (event.type === 'connection_activated') done(event.connection_id);
 */
export const ConnectionEventSchema = z.discriminatedUnion('type', [
  event('intent_created'),
  event('draft_created'),
  event('credential_accepted', { rotated: z.boolean() }),
  event('credential_rejected', { code }),
  event('enrollment_code_minted', { expires_at: timestamp }),
  event('enrollment_code_exchanged'),
  event('device_revoked', { device_id: z.string().min(1) }),
  event('authorization_started'),
  event('authorization_completed'),
  event('authorization_failed', { code }),
  event('upload_staged', upload),
  event('upload_invalid', { ...upload, code }),
  event('upload_duplicate', { ...upload, duplicate_of: z.string().min(1).nullable() }),
  event('run_queued', run),
  event('run_started', run),
  event('run_progress', { ...run, records_accepted: z.number().int().nonnegative() }),
  event('run_succeeded', { ...run, records_accepted: z.number().int().nonnegative() }),
  event('run_failed', { ...run, error_code: code.nullable() }),
  event('connection_activated'),
  event('connection_needs_attention', { reason: code }),
  event('connection_revoked'),
  event('connection_reconnect_started'),
  event('connection_expired'),
  event('connection_abandoned'),
  // The connection and everything it held are gone; the event and the audit trail stay.
  event('connection_deleted', { records_deleted: z.number().int().nonnegative() }),
  // The owner undid an import: the records that run added are gone.
  event('run_undone', { ...run, records_deleted: z.number().int().nonnegative() }),
  event('proof_recorded'),
]);
export type ConnectionEvent = z.infer<typeof ConnectionEventSchema>;

type Stamped = 'id' | 'occurred_at' | 'setup_state';
type Optional = 'connection_id' | 'intent_id' | 'run_id';

/**
 * An event as a service raises it: the outbox adds `id`, `occurred_at` and
 * the connection's `setup_state` when it writes it, in the same transaction.
 */
export type RaisedEvent = ConnectionEvent extends infer E
  ? E extends ConnectionEvent
    ? Omit<E, Stamped | Optional> & Partial<Pick<E, Optional>>
    : never
  : never;

/**
 * One page of `GET /v1/owner/events?after=ID`, oldest first; pass `next_after`
 * back as `after` for the next page (it is the last item's id, or `after`
 * itself when nothing newer has committed yet).
 */
export const EventPageSchema = z.strictObject({
  items: z.array(ConnectionEventSchema),
  next_after: z.number().int().nonnegative(),
});
export type EventPage = z.infer<typeof EventPageSchema>;
