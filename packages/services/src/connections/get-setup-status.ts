import type { SetupStatus } from '@conn/setup-engine';
import type { ServiceDeps } from '../service-deps';
import { readSetupStatus } from './read-setup-status';

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
