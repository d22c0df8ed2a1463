import type { ConnectionStatus } from '@conn/setup-engine';
import {
  countLiveConnectionsByStatus,
  countOwnerRecordsByConnector,
  countPendingDrafts,
} from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/** What the owner already has of one connector: live connections by status, and their records. */
export interface ConnectorHoldings {
  connections: Partial<Record<Exclude<ConnectionStatus, 'draft'>, number>>;
  /** Setups in progress (drafts that are neither retired nor expired). */
  pending: number;
  records: number;
}

/**
 * The owner's holdings per connector key, for catalog and source cards. Three
 * grouped queries, whatever the number of connections.
 *
 * @example
 * const holdings = await summarizeConnections(deps, ownerId);
 * holdings.get(key)?.records ?? 0;
 */
export async function summarizeConnections(
  deps: ServiceDeps,
  ownerId: string,
): Promise<Map<string, ConnectorHoldings>> {
  const now = deps.clock();
  const byStatus = await countLiveConnectionsByStatus(deps.store.db, ownerId);
  const pending = await countPendingDrafts(deps.store.db, ownerId, now);
  const records = await countOwnerRecordsByConnector(deps.store.db, ownerId);

  const holdings = new Map<string, ConnectorHoldings>();
  const entry = (key: string) => {
    let found = holdings.get(key);
    if (found === undefined) {
      found = { connections: {}, pending: 0, records: 0 };
      holdings.set(key, found);
    }
    return found;
  };
  for (const row of byStatus) {
    const status = row.status as Exclude<ConnectionStatus, 'draft'>;
    entry(row.connector).connections[status] = row.count;
  }
  for (const row of pending) entry(row.connector).pending = row.count;
  for (const row of records) entry(row.connector).records = row.count;
  return holdings;
}
