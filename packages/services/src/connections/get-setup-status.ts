import type { SetupStatus } from '@conn/setup-engine';
import type { StoreDb } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { loadSetupStatuses } from './load-setup-statuses';
import { loadOwnedConnection } from './owned-connection';

/**
 * The durable setup-status of one of the owner's connections, draft or live,
 * retired drafts included (they read as `expired`, never as a 404).
 *
 * @example
 * const status = await services.getSetupStatus(ownerId, connectionId);
 * if (status.setup_state === 'active') showRecords(status.connection_id);
 */
export async function getSetupStatus(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
): Promise<SetupStatus> {
  return readSetupStatus(deps, deps.store.db, ownerId, connectionId);
}

/** `getSetupStatus` on a given executor, so a service can answer from inside its transaction. */
export async function readSetupStatus(
  deps: ServiceDeps,
  db: StoreDb,
  ownerId: string,
  connectionId: string,
): Promise<SetupStatus> {
  const connection = await loadOwnedConnection(db, ownerId, connectionId);
  const [status] = await loadSetupStatuses(db, deps.registry, [connection], deps.clock());
  return status!;
}
