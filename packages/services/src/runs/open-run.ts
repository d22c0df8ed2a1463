import { ConnError, isOpenRun } from '@conn/setup-engine';
import { findRun, type RunRow, type StoreDb } from '@conn/store';

/** Binds a run call to the connection its caller is allowed to act for (a collector's). */
export interface RunScope {
  connectionId?: string;
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
