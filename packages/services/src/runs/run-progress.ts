import {
  ConnError,
  isOpenRun,
  type ProgressRequest,
  ProgressRequestSchema,
  type RunSummary,
} from '@conn/setup-engine';
import {
  findRun,
  getRun,
  type RunRow,
  recordRunProgress,
  type StoreDb,
  startQueuedRun,
} from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { summarizeRun } from './queue-run';

/** Binds a run call to the connection its caller is allowed to act for (a collector's). */
export interface RunScope {
  connectionId?: string;
}

/**
 * Marks a run as started (queued → running). Starting a running run is a
 * no-op; a finished one is `run_not_claimable`.
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
    if (run.status === 'queued') await startQueuedRun(trx, run.id, now);
    return summarizeRun(await getRun(trx, run.id));
  });
}

/**
 * Records a run's progress for setup-status views: a short stage name and,
 * optionally, the collector's own counts. Counts only ever go up (ingest
 * counts accepted records itself), and every report is a heartbeat.
 *
 * @example
 * await services.reportProgress(runId, { stage: 'repositories', counts: { accepted: 120 } });
 */
export async function reportProgress(
  deps: ServiceDeps,
  runId: string,
  input: ProgressRequest,
  scope: RunScope = {},
): Promise<RunSummary> {
  const parsed = ProgressRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConnError('invalid_request', 'Progress needs a stage name of 1 to 120 characters.');
  }
  const { stage, counts } = parsed.data;
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const run = await openRun(trx, runId, scope);
    // The counts are raised in SQL, never written from the run read above: a concurrent ingest may have added to them.
    await recordRunProgress(trx, run.id, {
      stage,
      accepted: counts?.accepted,
      rejected: counts?.rejected,
      now,
    });
    return summarizeRun(await getRun(trx, run.id));
  });
}

/**
 * A run that may still change, within the caller's scope. Another
 * connection's run is `run_not_found`; a finished one `run_not_claimable`.
 *
 * @example
 * const run = await openRun(trx, runId, { connectionId });
 */
export async function openRun(db: StoreDb, runId: string, scope: RunScope): Promise<RunRow> {
  const run = await findRun(db, runId, scope);
  if (run === undefined) throw new ConnError('run_not_found', 'There is no such run.');
  if (!isOpenRun(run.status)) {
    throw new ConnError('run_not_claimable', 'This run has already finished.', {
      run_status: run.status,
    });
  }
  return run;
}
