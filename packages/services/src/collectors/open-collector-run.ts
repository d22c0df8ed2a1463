import type { RunSummary } from '@conn/setup-engine';
import { loadConnection } from '../connections/load-connection';
import { openDeviceRunIn } from '../runs/open-device-run-in';
import { summarizeRun } from '../runs/summarize-run';
import type { ServiceDeps } from '../service-deps';

/**
 * Opens the run a device collector reports one pass under: a first sync while
 * the connection is a draft, a sync afterwards. An open run of the connection
 * is taken over rather than duplicated, so a re-run after a crash continues it.
 *
 * @example
 * const run = await services.openCollectorRun({ connectionId, tokenId });
 * // … ingest with run.id, then services.finishRun(run.id, { status: 'succeeded' }, { connectionId })
 */
export async function openCollectorRun(
  deps: ServiceDeps,
  collector: { connectionId: string; tokenId: string },
): Promise<RunSummary> {
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const connection = await loadConnection(trx, collector.connectionId);
    const kind = connection.status === 'draft' ? 'first_sync' : 'sync';
    return summarizeRun(await openDeviceRunIn(trx, now, connection, kind, collector.tokenId));
  });
}
