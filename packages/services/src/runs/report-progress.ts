import {
  ConnError,
  type ProgressRequest,
  ProgressRequestSchema,
  type RunSummary,
} from '@conn/setup-engine';
import { getConnection, getRun, recordRunProgress } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { openRun, type RunScope } from './open-run';
import { raiseRunEvent } from './raise-run-event';
import { raiseRunProgress } from './raise-run-progress';
import { summarizeRun } from './summarize-run';

/**
 * Records a run's progress for setup-status views: a short stage name and,
 * optionally, the collector's own counts. Counts only ever go up (ingest
 * counts accepted records itself), and every report is a heartbeat.
 * Observers get `run_progress`, at most one per run every 2 s.
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
    const open = await recordRunProgress(trx, run.id, {
      stage,
      accepted: counts?.accepted,
      rejected: counts?.rejected,
      now,
    });
    const updated = await getRun(trx, run.id);
    if (!open) return summarizeRun(updated);
    const connection = await getConnection(trx, run.connection_id);
    // Progress on a queued run starts it.
    if (run.status === 'queued') raiseRunEvent(trx, connection, run, now, 'run_started');
    await raiseRunProgress(trx, connection, updated, now);
    return summarizeRun(updated);
  });
}
