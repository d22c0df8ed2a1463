import { isConnError, type RunSummary } from '@conn/setup-engine';
import { getRun } from '@conn/store';
import { finishRun } from '../runs/finish-run';
import { summarizeRun } from '../runs/summarize-run';
import type { ServiceDeps } from '../service-deps';

/**
 * Ends an import run; when it had already ended (cancelled by a revoke, taken
 * as stale), reports that state instead, with `owned: false`: this worker no
 * longer holds the run and must not settle its files. A run gone with its
 * connection (the owner deleted it meanwhile) is `run: null`.
 *
 * @example
 * const { run, owned } = await endImportRun(deps, runId, { status: 'failed', errorCode: 'import_failed' });
 */
export async function endImportRun(
  deps: ServiceDeps,
  runId: string,
  input: { status: 'succeeded' } | { status: 'failed'; errorCode: string },
): Promise<{ run: RunSummary | null; owned: boolean }> {
  try {
    return { run: await finishRun(deps, runId, input), owned: true };
  } catch (error) {
    if (isConnError(error, 'run_not_found')) return { run: null, owned: false };
    if (!isConnError(error, 'run_not_claimable')) throw error;
    return { run: summarizeRun(await getRun(deps.store.db, runId)), owned: false };
  }
}
