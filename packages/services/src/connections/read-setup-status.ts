import type { SetupStatus } from '@conn/setup-engine';
import { findSetupStatusRow, type StoreDb } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { connectionNotFound } from './connection-not-found';
import { setupStatusOfRow } from './load-setup-statuses';

/**
 * `getSetupStatus` on a given executor, so a service can answer from inside
 * its transaction: one query for the connection and every fact its status
 * shows. Another owner's connection and a missing one are the same
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
  return setupStatusOfRow(deps, row, deps.clock());
}
