import type { ConnectionRow, RunRow, StoreDb } from '@conn/store';
import { raiseEvent } from '../events/raise-event';

/**
 * Publishes that a run was queued or started, in the transaction that
 * queued or started it.
 *
 * @example
 * raiseRunEvent(trx, connection, run, now, 'run_queued');
 */
export function raiseRunEvent(
  db: StoreDb,
  connection: Pick<ConnectionRow, 'id' | 'owner_id' | 'connector'>,
  run: Pick<RunRow, 'id' | 'kind'>,
  now: Date,
  type: 'run_queued' | 'run_started',
  /** The intent the run serves, when the caller knows it. */
  intentId: string | null = null,
): void {
  raiseEvent(db, connection.owner_id, now, {
    type,
    connector: connection.connector,
    connection_id: connection.id,
    ...(intentId === null ? {} : { intent_id: intentId }),
    run_id: run.id,
    run_kind: run.kind,
  });
}
