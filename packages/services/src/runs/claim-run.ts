import type { RunSummary } from '@conn/setup-engine';
import { claimNextRunIn, getConnection } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { raiseRunEvent } from './raise-run-event';
import { summarizeRun } from './summarize-run';

/** A run a server worker claimed. */
export interface ClaimedRun extends RunSummary {
  connection_id: string;
  attempts: number;
}

/**
 * Claims the oldest queued run for this worker (`FOR UPDATE SKIP LOCKED` on
 * PostgreSQL, so workers in several processes never take the same run) and
 * publishes its `run_started` with the claim. Resolves null when nothing is
 * queued.
 *
 * @example
 * const run = await services.claimRun('worker-1');
 */
export async function claimRun(
  deps: ServiceDeps,
  workerId: string,
  kinds?: readonly string[],
): Promise<ClaimedRun | null> {
  if (kinds !== undefined && kinds.length === 0) return null;
  const now = deps.clock();
  const row = await deps.store.transaction(async (trx) => {
    const claimed = await claimNextRunIn(trx, deps.store.dialect, {
      workerId,
      now,
      ...(kinds === undefined ? {} : { kinds }),
    });
    if (claimed === undefined) return undefined;
    raiseRunEvent(
      trx,
      await getConnection(trx, claimed.connection_id),
      claimed,
      now,
      'run_started',
    );
    return claimed;
  });
  if (row === undefined) return null;
  return { ...summarizeRun(row), connection_id: row.connection_id, attempts: Number(row.attempts) };
}
