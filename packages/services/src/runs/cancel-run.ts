import { type CancelledRun, ConnError, isOpenRun } from '@conn/setup-engine';
import { findRun } from '@conn/store';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import type { Actor, ServiceDeps } from '../service-deps';
import { finishRun } from './finish-run';

/**
 * The owner cancels a queued or running run of one of their connections: it
 * ends `cancelled` (`cancelled_by_owner`) at once, and the worker holding it
 * stops at its next batch or heartbeat, its batch in flight rolled back; what
 * earlier batches stored stays. The connection stays truthful through the
 * run's usual end: a live connection stays as it is with its schedule going
 * on, a cancelled first sync leaves its draft at `first_sync_failed` with a
 * retry. The run's end is published (`run_failed` with the code) and audited.
 *
 * @example
 * const { run } = await services.cancelRun(ownerId, connectionId, runId, 'owner');
 * run.status; // 'cancelled'
 */
export async function cancelRun(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  runId: string,
  actor: Actor = 'owner',
): Promise<CancelledRun> {
  const connection = await loadOwnedConnection(deps.store.db, ownerId, connectionId);
  const run = await findRun(deps.store.db, runId, { connectionId: connection.id });
  if (run === undefined) throw new ConnError('run_not_found', 'There is no such run.');
  if (!isOpenRun(run.status)) {
    throw new ConnError('run_not_claimable', 'This run has already finished.', {
      run_status: run.status,
    });
  }
  const ended = await finishRun(
    deps,
    run.id,
    { status: 'cancelled', errorCode: 'cancelled_by_owner' },
    { connectionId: connection.id },
    actor,
  );
  return { run: ended };
}
