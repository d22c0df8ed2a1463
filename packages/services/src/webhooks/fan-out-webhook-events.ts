import type { EventRow, NewWebhookDelivery, WebhookRow } from '@conn/store';
import {
  advanceEventCursor,
  hasLiveWebhooks,
  insertWebhookDeliveries,
  lastEventId,
  listLiveWebhooksOf,
  listOutboxAfter,
  newId,
} from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { lockWebhookCursor, webhookCursorName } from './webhook-cursor';

/** What one fan-out step did. */
export interface FanOutResult {
  /** Deliveries queued. */
  readonly deliveries: number;
  /** True when the step stopped at its page size: call again. */
  readonly more: boolean;
}

const pageSize = 200;

function receives(webhook: WebhookRow, event: EventRow): boolean {
  if (webhook.owner_id !== event.owner_id || webhook.after_event_id >= event.id) return false;
  const types = JSON.parse(webhook.event_types_json) as string[];
  return types.length === 0 || types.includes(event.type);
}

/**
 * Turns the outbox events after the fan-out cursor into deliveries, one per
 * event and matching live webhook, and advances the cursor in the same
 * transaction. The cursor row's lock holds other replicas until this commits,
 * and outbox ids commit in order, so no event is skipped or fanned out twice.
 *
 * @example
 * while ((await services.fanOutWebhookEvents()).more) {}
 */
export async function fanOutWebhookEvents(deps: ServiceDeps): Promise<FanOutResult> {
  const now = deps.clock().toISOString();
  return deps.store.transaction(async (trx) => {
    const after = await lockWebhookCursor(trx);
    if (!(await hasLiveWebhooks(trx))) {
      // Nothing to deliver to; later webhooks start after the newest event anyway.
      const newest = await lastEventId(trx);
      if (newest > after) await advanceEventCursor(trx, webhookCursorName, newest);
      return { deliveries: 0, more: false };
    }
    const events = await listOutboxAfter(trx, { after, limit: pageSize });
    const last = events.at(-1);
    if (last === undefined) return { deliveries: 0, more: false };
    const owners = [...new Set(events.map((event) => event.owner_id))];
    const webhooks = await listLiveWebhooksOf(trx, owners);
    const rows: NewWebhookDelivery[] = events.flatMap((event) =>
      webhooks
        .filter((webhook) => receives(webhook, event))
        .map((webhook) => ({
          id: newId('whd'),
          webhook_id: webhook.id,
          event_id: event.id,
          replay_of: null,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          last_attempt_at: null,
          last_status_code: null,
          last_error: null,
          claimed_by: null,
          claimed_at: null,
          created_at: now,
          delivered_at: null,
        })),
    );
    await insertWebhookDeliveries(trx, rows);
    await advanceEventCursor(trx, webhookCursorName, last.id);
    return { deliveries: rows.length, more: events.length === pageSize };
  });
}
