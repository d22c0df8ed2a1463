import { ConnectionStatusSchema, type SameAccount } from '@conn/setup-engine';
import { listSameAccountConnections, type StoreDb } from '@conn/store';

/**
 * For each connection asked about, the oldest other connection of its
 * connector holding the same account, in the setup-status view's shape.
 *
 * @example
 * const sameOf = await sameAccountsOf(trx, ids);
 * sameOf.get(connection.id); // { connection_id: 'con_…', label: 'octocat', status: 'active' }
 */
export async function sameAccountsOf(
  db: StoreDb,
  connectionIds: readonly string[],
): Promise<Map<string, SameAccount>> {
  const rows = await listSameAccountConnections(db, connectionIds);
  const oldest = new Map<string, SameAccount>();
  for (const row of rows) {
    if (oldest.has(row.of)) continue;
    oldest.set(row.of, {
      connection_id: row.id,
      label: row.label ?? row.account_label,
      status: ConnectionStatusSchema.parse(row.status),
    });
  }
  return oldest;
}
