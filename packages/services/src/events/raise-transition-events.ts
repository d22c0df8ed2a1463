import type { RaisedEvent, Transition } from '@conn/setup-engine';
import type { ConnectionRow, StoreDb } from '@conn/store';
import { raiseEvent } from './raise-event';

/**
 * What a transition's events carry beyond the connection: the intent or run
 * they belong to, and the fields of their own type (a refusal code, the run's
 * kind). Checked against the published schema at commit.
 */
export interface EventContext {
  intent_id?: string;
  run_id?: string;
  run_kind?: string;
  error_code?: string | null;
  code?: string;
  reason?: string;
  rotated?: boolean;
}

/**
 * Raises the published events the engine named for a transition that was
 * written (`outcome.emits`), each with the connection's ids and `context`.
 *
 * @example
 * raiseTransitionEvents(trx, connection, outcome, now, { run_id: run.id });
 */
export function raiseTransitionEvents(
  db: StoreDb,
  connection: ConnectionRow,
  outcome: Transition,
  now: Date,
  context: EventContext,
): void {
  for (const type of outcome.emits) {
    raiseEvent(db, connection.owner_id, now, {
      type,
      connector: connection.connector,
      connection_id: connection.id,
      ...context,
    } as RaisedEvent);
  }
}
