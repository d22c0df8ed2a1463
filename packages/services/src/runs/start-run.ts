import type { RunSummary } from '@conn/setup-engine';
import { getConnection, getRun, startQueuedRun } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { openRun, type RunScope } from './open-run';
import { raiseRunEvent } from './raise-run-event';
import { summarizeRun } from './summarize-run';

/**
 * Marks a run as started (queued → running). Starting a running run is a
 * no-op; a finished one is `run_not_claimable`. Publishes `run_started`.
 *
 * @example
 * await services.startRun(runId, { connectionId: collector.connection_id });
 */
export async function startRun(
  deps: ServiceDeps,
  runId: string,
  scope: RunScope = {},
): Promise<RunSummary> {
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const run = await openRun(trx, runId, scope);
    if (run.status === 'queued' && (await startQueuedRun(trx, run.id, now))) {
      raiseRunEvent(trx, await getConnection(trx, run.connection_id), run, now, 'run_started');
    }
    return summarizeRun(await getRun(trx, run.id));
  });
}
