import { lastEventId, lockEventCursor, type StoreDb } from '@conn/store';

/** The outbox cursor of the webhook fan-out. */
const cursorName = 'webhooks';

/**
 * Locks the fan-out's cursor for this transaction and resolves where it
 * stands (created at the newest event the first time). Registration takes it
 * too, so a webhook's starting event and the fan-out never cross: every
 * event after a webhook's `after_event_id` is fanned out to it exactly once.
 *
 * @example
 * const after = await lockWebhookCursor(trx);
 */
export async function lockWebhookCursor(trx: StoreDb): Promise<number> {
  return lockEventCursor(trx, cursorName, await lastEventId(trx));
}

export { cursorName as webhookCursorName };
