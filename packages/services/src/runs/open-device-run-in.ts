import { findOpenRun, insertRun, newId, type RunRow, type StoreDb, takeOverRun } from '@conn/store';
import type { RunKind } from './run-kinds';

/**
 * Opens a run that a device-side collector (local or browser) executes. It
 * starts `running`, claimed by the collector's token, so no server worker
 * ever claims it from the queue; if the device stops reporting, the stale-run
 * recovery returns it to the queue and a server worker ends it as failed
 * with `collector_stopped`, which the owner sees with its repair action.
 *
 * @example
 * const run = await openDeviceRunIn(trx, now, connection.id, 'first_sync', tokenId);
 */
export async function openDeviceRunIn(
  db: StoreDb,
  now: Date,
  connectionId: string,
  kind: RunKind,
  tokenId: string,
): Promise<RunRow> {
  const live = await findOpenRun(db, connectionId);
  const stamp = now.toISOString();
  const claim = { claimed_by: `collector:${tokenId}`, claimed_at: stamp, heartbeat_at: stamp };
  if (live !== undefined) {
    // A new device takes over the open run instead of leaving two.
    await takeOverRun(db, live.id, { claimedBy: claim.claimed_by, now });
    return { ...live, ...claim, status: 'running', started_at: live.started_at ?? stamp };
  }
  const run: RunRow = {
    id: newId('run'),
    connection_id: connectionId,
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
  };
  await insertRun(db, run);
  return run;
}
