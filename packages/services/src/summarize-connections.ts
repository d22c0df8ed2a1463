import type { ConnectionStatus } from '@conn/setup-engine';
import type { ServiceDeps } from './service-deps';

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
  const now = deps.clock().toISOString();
  const byStatus = await deps.store.db
    .selectFrom('connections')
    .select((eb) => ['connector', 'status', eb.fn.countAll<number | string>().as('n')])
    .where('owner_id', '=', ownerId)
    .where('status', '!=', 'draft')
    .groupBy(['connector', 'status'])
    .execute();
  const pending = await deps.store.db
    .selectFrom('connections')
    .select((eb) => ['connector', eb.fn.countAll<number | string>().as('n')])
    .where('owner_id', '=', ownerId)
    .where('status', '=', 'draft')
    .where('retired_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .groupBy('connector')
    .execute();
  const records = await deps.store.db
    .selectFrom('records')
    .innerJoin('connections', 'connections.id', 'records.connection_id')
    .select((eb) => ['connections.connector', eb.fn.countAll<number | string>().as('n')])
    .where('connections.owner_id', '=', ownerId)
    .groupBy('connections.connector')
    .execute();

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
    entry(row.connector).connections[status] = Number(row.n);
  }
  for (const row of pending) entry(row.connector).pending = Number(row.n);
  for (const row of records) entry(row.connector).records = Number(row.n);
  return holdings;
}
