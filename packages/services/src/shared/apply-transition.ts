import type { LifecycleEvent, Transition } from '@conn/setup-engine';
import {
  type ConnectionRow,
  type ConnectionUpdate,
  type StoreDb,
  transitionConnection,
} from '@conn/store';
import { type EventContext, raiseTransitionEvents } from '../events/raise-transition-events';
import { decideTransition } from './decide-transition';

/** What applying an event did. */
export interface AppliedTransition {
  /** The engine's decision. */
  outcome: Transition;
  /**
   * False when the row had already moved on (another request changed its
   * status or retired it first); nothing was written then.
   */
  changed: boolean;
}

/**
 * Asks the engine whether `event` may happen to this connection and, if so,
 * writes the outcome with a conditional update on the status the decision was
 * made from. Concurrent callers therefore cannot both win: the loser sees
 * `changed: false`. Illegal events throw the engine's `illegal_transition`
 * (or `already_active`) and write nothing; a retired draft takes no event.
 * A change raises the published events the engine names for it
 * (`outcome.emits`), with `context` (run id, codes) filled in.
 *
 * @example
 * const { outcome, changed } = await applyTransition(trx, connection, { type: 'revoked' }, now);
 */
export async function applyTransition(
  db: StoreDb,
  connection: ConnectionRow,
  event: LifecycleEvent,
  now: Date,
  extra: ConnectionUpdate = {},
  context: EventContext = {},
): Promise<AppliedTransition> {
  const { from, outcome } = decideTransition(connection, event);
  const stamp = now.toISOString();
  const set: ConnectionUpdate = { ...extra, status: outcome.status, updated_at: stamp };
  if (outcome.activated) set.activated_at = connection.activated_at ?? stamp;
  if (outcome.retired !== null) {
    set.retired_at = stamp;
    set.retired_reason = outcome.retired;
  }
  if (outcome.status === 'revoked' && from !== 'revoked') set.revoked_at = stamp;
  if (from === 'revoked' && outcome.status !== 'revoked') set.revoked_at = null;
  const changed = await transitionConnection(db, connection.id, from, set);
  if (changed) raiseTransitionEvents(db, connection, outcome, now, context);
  return { outcome, changed };
}
