import {
  type ConnectionRow,
  findOpenRun,
  insertRun,
  newId,
  type RunRow,
  type StoreDb,
  takeOverRun,
} from '@conn/store';
import { raiseRunEvent } from './raise-run-event';
import type { RunKind } from './run-kinds';

/**
 * Opens a run that a device-side collector (local or browser) executes. It
 * starts `running`, claimed by the collector's token, so no server worker
 * ever claims it from the queue; if the device stops reporting, the stale-run
 * recovery returns it to the queue and a server worker ends it as failed
 * with `collector_stopped`, which the owner sees with its repair action.
 * A run that starts here publishes `run_started`; a running one taken over
 * by a new device already did.
 *
 * @example
 * const run = await openDeviceRunIn(trx, now, connection, 'first_sync', tokenId);
 */
export async function openDeviceRunIn(
  db: StoreDb,
  now: Date,
  connection: Pick<ConnectionRow, 'id' | 'owner_id' | 'connector'>,
  kind: RunKind,
  tokenId: string,
  intentId: string | null = null,
): Promise<RunRow> {
  const live = await findOpenRun(db, connection.id);
  const stamp = now.toISOString();
  const claim = { claimed_by: `collector:${tokenId}`, claimed_at: stamp, heartbeat_at: stamp };
  if (live !== undefined) {
    // A new device takes over the open run instead of leaving two.
    await takeOverRun(db, live.id, { claimedBy: claim.claimed_by, now });
    if (live.status === 'queued') {
      raiseRunEvent(db, connection, live, now, 'run_started', intentId);
    }
    return { ...live, ...claim, status: 'running', started_at: live.started_at ?? stamp };
  }
  const run: RunRow = {
    id: newId('run'),
    connection_id: connection.id,
    kind,
    status: 'running',
    stage: null,
    records_accepted: 0,
    records_rejected: 0,
    error_code: null,
    error_message: null,
    payload_json: '{}',
    ...claim,
    attempts: 1,
    checkpoint_cursor: null,
    checkpoint_accepted: 0,
    checkpoint_rejected: 0,
    created_at: stamp,
    started_at: stamp,
    finished_at: null,
    undone_at: null,
  };
  await insertRun(db, run);
  raiseRunEvent(db, connection, run, now, 'run_started', intentId);
  return run;
}
