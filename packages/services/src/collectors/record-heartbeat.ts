import type { CollectorHeartbeat } from '@conn/setup-engine';
import { getSyncHealth, putSyncHealth, recordCollectorHeartbeat } from '@conn/store';
import { loadConnection } from '../connections/load-connection';
import type { ServiceDeps } from '../service-deps';
import { freshSyncHealth, staleAt } from '../syncs/fresh-sync-health';
import { syncIntervalOf } from '../syncs/sync-interval-of';

/**
 * A running collector's heartbeat, sent between passes too: recorded on the
 * device's token, and — while the connection is live and its last pass did
 * not fail — it keeps the connection from turning stale for three more
 * intervals, so a quiet collector is not taken for a silent one. A collector
 * whose passes fail stays stale-bound from its last success: being alive is
 * not working. A connection already needing attention is repaired by a pass
 * that succeeds, not by a heartbeat.
 *
 * @example
 * const { interval_seconds } = await services.recordHeartbeat({ connectionId, tokenId });
 */
export async function recordHeartbeat(
  deps: ServiceDeps,
  collector: { connectionId: string; tokenId: string },
): Promise<CollectorHeartbeat> {
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    await recordCollectorHeartbeat(trx, collector.tokenId, now);
    const connection = await loadConnection(trx, collector.connectionId);
    const intervalMs = syncIntervalOf(deps, connection.connector);
    if (intervalMs === null) {
      // A connector this server no longer knows: nothing to keep fresh; a day is a fine cadence.
      return { heartbeat_at: now.toISOString(), interval_seconds: 86_400 };
    }
    if (connection.status === 'active') {
      const health =
        (await getSyncHealth(trx, connection.id)) ??
        freshSyncHealth(connection.id, now, intervalMs);
      if (health.consecutive_failures === 0 && health.attention_reason === null) {
        await putSyncHealth(trx, {
          ...health,
          stale_at: staleAt(now, intervalMs),
          updated_at: now.toISOString(),
        });
      }
    }
    return {
      heartbeat_at: now.toISOString(),
      interval_seconds: Math.max(1, Math.round(intervalMs / 1000)),
    };
  });
}
