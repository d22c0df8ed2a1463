import { type CollectorDevice, ConnError } from '@conn/setup-engine';
import { listCollectorDevices, revokeCollectorToken } from '@conn/store';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import { raiseEvent } from '../events/raise-event';
import type { Actor, ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { deviceView } from './device-view';

/**
 * Revokes one device enrolled for the owner's connection: its collector
 * token stops working at once (the next call is `unauthenticated`), audited
 * and published as `device_revoked`. The connection and its records stay; a
 * device enrolls again with a new code. Revoking a revoked device is a no-op.
 *
 * @example
 * const device = await services.revokeDevice(ownerId, connectionId, deviceId);
 * device.revoked_at; // now
 */
export async function revokeDevice(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  deviceId: string,
  actor: Actor = 'owner',
): Promise<CollectorDevice> {
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const connection = await loadOwnedConnection(trx, ownerId, connectionId);
    const revoked = await revokeCollectorToken(trx, connection.id, deviceId, now);
    const device = (await listCollectorDevices(trx, connection.id)).find(
      (row) => row.id === deviceId,
    );
    if (device === undefined) {
      throw new ConnError('device_not_found', 'This connection has no such device.', {
        device_id: deviceId,
      });
    }
    if (revoked) {
      raiseEvent(trx, ownerId, now, {
        type: 'device_revoked',
        connector: connection.connector,
        connection_id: connection.id,
        device_id: deviceId,
      });
      await writeAuditEvent(trx, now, {
        ownerId,
        actor,
        action: 'collector.revoked',
        connectionId: connection.id,
        details: { device_id: deviceId },
      });
    }
    return deviceView(device);
  });
}
