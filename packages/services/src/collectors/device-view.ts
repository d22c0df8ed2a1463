import type { CollectorDevice } from '@conn/setup-engine';
import type { CollectorDeviceRow } from '@conn/store';

/**
 * A device row as the owner reads it: metadata only, never its token.
 *
 * @example
 * const devices = (await listCollectorDevices(db, id)).map(deviceView);
 */
export function deviceView(row: CollectorDeviceRow): CollectorDevice {
  return {
    id: row.id,
    device_name: row.device_name,
    enrolled_at: row.created_at,
    last_heartbeat_at: row.last_heartbeat_at,
    last_pass_at: row.last_pass_at,
    revoked_at: row.revoked_at,
  };
}
