import type { RunList } from '@conn/setup-engine';
import { listRecentRuns } from '@conn/store';
import { summarizeRun } from '../runs/summarize-run';
import type { ServiceDeps } from '../service-deps';
import { loadOwnedConnection } from './load-owned-connection';

const defaultRunCount = 20;

/**
 * The newest runs of one of the owner's connections, newest first: another
 * owner's connection id is "not found".
 *
 * @example
 * const { items } = await services.listRuns(ownerId, connectionId, { limit: 10 });
 */
export async function listRuns(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  query: { limit?: number | undefined } = {},
): Promise<RunList> {
  const connection = await loadOwnedConnection(deps.store.db, ownerId, connectionId);
  const runs = await listRecentRuns(deps.store.db, connection.id, query.limit ?? defaultRunCount);
  return { items: runs.map(summarizeRun) };
}
