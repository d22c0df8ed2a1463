import type { SetupStatus } from '@conn/setup-engine';
import type { StoreDb } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { loadOwnedConnection } from './load-owned-connection';
import { loadSetupStatuses } from './load-setup-statuses';

/** `getSetupStatus` on a given executor, so a service can answer from inside its transaction. */
export async function readSetupStatus(
  deps: ServiceDeps,
  db: StoreDb,
  ownerId: string,
  connectionId: string,
): Promise<SetupStatus> {
  const connection = await loadOwnedConnection(db, ownerId, connectionId);
  const [status] = await loadSetupStatuses(db, deps, [connection], deps.clock());
  return status!;
}
