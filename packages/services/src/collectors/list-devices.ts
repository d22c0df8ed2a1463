import type { CollectorDeviceList } from '@conn/setup-engine';
import { listCollectorDevices } from '@conn/store';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import type { ServiceDeps } from '../service-deps';
import { deviceView } from './device-view';

/**
 * The devices enrolled for one of the owner's connections, newest first,
 * revoked ones too, each with its last heartbeat and last pass. Connections
 * without a device collector have none.
 *
 * @example
 * const { devices } = await services.listDevices(ownerId, connectionId);
 */
export async function listDevices(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
): Promise<CollectorDeviceList> {
  const connection = await loadOwnedConnection(deps.store.db, ownerId, connectionId);
  const rows = await listCollectorDevices(deps.store.db, connection.id);
  return { devices: rows.map(deviceView) };
}
