import type { RunSummary } from '@conn/setup-engine';
import {
  claimNextRun,
  heartbeatRun,
  listRunsByIds,
  requeueStaleRuns,
  type StaleRunRecovery,
} from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { afterRunEnded } from './finish-run';
import { summarizeRun } from './queue-run';

/** A run a server worker claimed. */
export interface ClaimedRun extends RunSummary {
  connection_id: string;
  attempts: number;
}

/**
 * Claims the oldest queued run for this worker (`FOR UPDATE SKIP LOCKED` on
 * PostgreSQL, so workers in several processes never take the same run).
 * Resolves null when nothing is queued.
 *
 * @example
 * const run = await services.claimRun('worker-1');
 */
export async function claimRun(
  deps: ServiceDeps,
  workerId: string,
  kinds?: readonly string[],
): Promise<ClaimedRun | null> {
  const row = await claimNextRun(deps.store, {
    workerId,
    now: deps.clock(),
    ...(kinds === undefined ? {} : { kinds }),
  });
  if (row === undefined) return null;
  return { ...summarizeRun(row), connection_id: row.connection_id, attempts: Number(row.attempts) };
}

/**
 * The worker's heartbeat on its run; false when the run was taken from it
 * (recovered as stale, or cancelled by a revoke): stop and write nothing more.
 *
 * @example
 * if (!(await services.heartbeat(run.id, workerId))) controller.abort();
 */
export async function heartbeat(
  deps: ServiceDeps,
  runId: string,
  workerId: string,
): Promise<boolean> {
  return heartbeatRun(deps.store, { runId, workerId, now: deps.clock() });
}

/** How stale-run recovery decides. */
export interface RecoverStaleRunsOptions {
  /** A running run with no heartbeat for this long lost its worker. Default 60 s. */
  staleAfterMs?: number;
  /** Claims after which a run is failed (`worker_lost`) instead of re-queued. Default 3. */
  maxAttempts?: number;
}

/**
 * Returns the runs of dead workers to the queue (or, after `maxAttempts`,
 * fails them as `worker_lost`), then applies what a failed first sync means
 * to its draft, so the owner sees a truthful state after a crash.
 *
 * @example
 * setInterval(() => services.recoverStaleRuns(), 30_000);
 */
export async function recoverStaleRuns(
  deps: ServiceDeps,
  options: RecoverStaleRunsOptions = {},
): Promise<StaleRunRecovery> {
  const now = deps.clock();
  const recovery = await requeueStaleRuns(deps.store, {
    staleBefore: new Date(now.getTime() - (options.staleAfterMs ?? 60_000)),
    maxAttempts: options.maxAttempts ?? 3,
    now,
  });
  if (recovery.failed.length > 0) {
    await deps.store.transaction(async (trx) => {
      const failed = await listRunsByIds(trx, recovery.failed);
      for (const run of failed) await afterRunEnded(trx, now, run, 'system');
    });
  }
  return recovery;
}
