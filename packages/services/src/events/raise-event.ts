import type { RaisedEvent } from '@conn/setup-engine';
import { beforeCommit, type StoreDb } from '@conn/store';
import { flushRaisedEvents, type PendingEvent } from './flush-raised-events';

// The events raised in each open transaction, flushed once just before it commits.
const pending = new WeakMap<StoreDb, PendingEvent[]>();

/**
 * Raises a published lifecycle event in the transaction of the change it
 * reports. Nothing is written yet: just before `trx` commits, the outbox
 * stamps each raised event with the connection's setup state as the whole
 * transaction left it, checks it against `ConnectionEventSchema` (strict, so
 * a stray field fails the transaction instead of leaving the server) and
 * appends it. A rolled-back transaction therefore publishes nothing.
 * Lifecycle transitions raise theirs through `applyTransition`; call this for
 * the events that are not transitions (intents, codes, uploads, runs).
 *
 * @example
 * raiseEvent(trx, ownerId, now, { type: 'intent_created', connector, intent_id: intent.id });
 */
export function raiseEvent(trx: StoreDb, ownerId: string, now: Date, event: RaisedEvent): void {
  let list = pending.get(trx);
  if (list === undefined) {
    const raised: PendingEvent[] = [];
    list = raised;
    // Throws when `trx` is not an open store transaction: an event must commit with its change.
    beforeCommit(trx, () => flushRaisedEvents(trx, raised));
    pending.set(trx, raised);
  }
  list.push({ ownerId, occurredAt: now.toISOString(), event });
}
