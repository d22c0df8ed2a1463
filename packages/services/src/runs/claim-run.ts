import type { RunSummary } from '@conn/setup-engine';
import { claimNextRun } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { summarizeRun } from './summarize-run';

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
