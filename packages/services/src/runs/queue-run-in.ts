import {
  type ConnectionRow,
  findOpenRun,
  insertRun,
  lockConnectionRow,
  newId,
  type RunRow,
  type StoreDb,
} from '@conn/store';
import { raiseRunEvent } from './raise-run-event';
import type { RunKind } from './run-kinds';

/**
 * Queues a run for a connection unless one is already queued or running, in
 * which case that one is returned: a connection never has two live runs,
 * also when several transactions ask at once (the connection's row is held).
 * A new run publishes `run_queued`.
 *
 * @example
 * const run = await queueRunIn(trx, now, connection, 'first_sync');
 */
export async function queueRunIn(
  db: StoreDb,
  now: Date,
  connection: Pick<ConnectionRow, 'id' | 'owner_id' | 'connector'>,
  kind: RunKind,
  payload: Readonly<Record<string, string | number | boolean | null>> = {},
  intentId: string | null = null,
): Promise<RunRow> {
  // Two replicas asked at once (sync now on both, a due sync beside it) queue one run.
  await lockConnectionRow(db, connection.id);
  const live = await findOpenRun(db, connection.id);
  if (live !== undefined) return live;
  const stamp = now.toISOString();
  const run: RunRow = {
    id: newId('run'),
    connection_id: connection.id,
    kind,
    status: 'queued',
    stage: null,
    records_accepted: 0,
    records_rejected: 0,
    error_code: null,
    error_message: null,
    payload_json: JSON.stringify(payload),
    claimed_by: null,
    claimed_at: null,
    heartbeat_at: null,
    attempts: 0,
    checkpoint_cursor: null,
    checkpoint_accepted: 0,
    checkpoint_rejected: 0,
    created_at: stamp,
    started_at: null,
    finished_at: null,
    undone_at: null,
  };
  await insertRun(db, run);
  raiseRunEvent(db, connection, run, now, 'run_queued', intentId);
  return run;
}
