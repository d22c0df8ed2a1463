import type { SetupStatus } from '@conn/setup-engine';
import { findSetupStatusRow, type StoreDb } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { connectionNotFound } from './connection-not-found';
import { setupStatusOfRow } from './load-setup-statuses';
import { sameAccountsOf } from './same-accounts-of';

/**
 * `getSetupStatus` on a given executor, so a service can answer from inside
 * its transaction: one query for the connection and every fact its status
 * shows, and one more for a connection with an account (whether another
 * connection holds it too). Another owner's connection and a missing one are the same
 * `connection_not_found`.
 */
export async function readSetupStatus(
  deps: ServiceDeps,
  db: StoreDb,
  ownerId: string,
  connectionId: string,
): Promise<SetupStatus> {
  const row = await findSetupStatusRow(db, ownerId, connectionId);
  if (row === undefined) throw connectionNotFound();
  // Only a connection with an account can share it: none, no second query.
  const same =
    row.connection.account_id === null
      ? null
      : (await sameAccountsOf(db, [connectionId])).get(connectionId);
  return setupStatusOfRow(deps, row, deps.clock(), same ?? null);
}
