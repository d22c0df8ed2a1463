import { listRunsByIds, requeueStaleRuns, type StaleRunRecovery } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { afterRunEnded } from './after-run-ended';

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
      for (const run of failed) await afterRunEnded(deps, trx, now, run, 'system');
    });
  }
  return recovery;
}
