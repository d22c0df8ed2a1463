import { ConnectionEventSchema } from '@conn/setup-engine';
import {
  type ConnectionRow,
  findLatestConnectionEvent,
  type RunRow,
  type StoreDb,
} from '@conn/store';
import { raiseEvent } from '../events/raise-event';

/** At most one published progress event per run in this window. */
export const runProgressEveryMs = 2_000;

/**
 * Publishes a run's progress unless this run published one less than
 * {@link runProgressEveryMs} ago. The outbox decides, not process memory, so
 * replicas agree: call it after the write that updated the run, whose row
 * lock (one writer on SQLite) makes a concurrent report wait for this
 * transaction and then see its event. Resolves whether it raised one.
 *
 * @example
 * await raiseRunProgress(trx, connection, await getRun(trx, run.id), now);
 */
export async function raiseRunProgress(
  db: StoreDb,
  connection: Pick<ConnectionRow, 'id' | 'owner_id' | 'connector'>,
  run: Pick<RunRow, 'id' | 'kind' | 'records_accepted'>,
  now: Date,
): Promise<boolean> {
  const last = await findLatestConnectionEvent(db, {
    connectionId: connection.id,
    type: 'run_progress',
  });
  if (last !== undefined) {
    const published = ConnectionEventSchema.parse(JSON.parse(last.body_json));
    const recent = now.getTime() - Date.parse(last.occurred_at) < runProgressEveryMs;
    if (published.run_id === run.id && recent) return false;
  }
  raiseEvent(db, connection.owner_id, now, {
    type: 'run_progress',
    connector: connection.connector,
    connection_id: connection.id,
    run_id: run.id,
    run_kind: run.kind,
    records_accepted: Number(run.records_accepted),
  });
  return true;
}
