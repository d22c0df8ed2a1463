import { z } from 'zod';

const timestamp = z.iso.datetime({ offset: true });

/**
 * A device enrolled for a local-collector connection, as the owner sees it:
 * its name, when it enrolled, when it last said its collector runs and when
 * it last finished a pass. Never its token.
 */
export const CollectorDeviceSchema = z.strictObject({
  id: z.string().min(1),
  device_name: z.string(),
  enrolled_at: timestamp,
  last_heartbeat_at: timestamp.nullable(),
  last_pass_at: timestamp.nullable(),
  /** When the owner revoked it, or a newer enrollment replaced it; null while it may report. */
  revoked_at: timestamp.nullable(),
});
export type CollectorDevice = z.infer<typeof CollectorDeviceSchema>;

/**
 * `GET /v1/owner/connections/:id/devices`: every device enrolled for the
 * connection, newest first, revoked ones too.
 *
 * @example
 * const { devices } = await client.listDevices(connectionId);
 */
export const CollectorDeviceListSchema = z.strictObject({
  devices: z.array(CollectorDeviceSchema),
});
export type CollectorDeviceList = z.infer<typeof CollectorDeviceListSchema>;

/**
 * `POST /v1/collector/heartbeat`: when the server recorded it, and how often
 * it wants one (the connector's reporting interval).
 *
 * @example
 * const { interval_seconds } = await collectorClient.heartbeat();
 */
export const CollectorHeartbeatSchema = z.strictObject({
  heartbeat_at: timestamp,
  interval_seconds: z.number().int().positive(),
});
export type CollectorHeartbeat = z.infer<typeof CollectorHeartbeatSchema>;
