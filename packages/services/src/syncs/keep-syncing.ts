import { collectionSite, expiringBefore, ModalitySchema } from '@conn/setup-engine';
import {
  claimDueSync,
  listDueSyncs,
  listTurnedExpiring,
  listTurnedStale,
  putSyncHealth,
} from '@conn/store';
import { loadConnection } from '../connections/load-connection';
import { queueRunIn } from '../runs/queue-run-in';
import type { ServiceDeps } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';

/** What one pass of the scheduler did. */
export interface KeepSyncingResult {
  /** Connections a scheduled sync was queued for. */
  queued: string[];
  /** Connections that turned stale and now need attention. */
  stale: string[];
  /** Connections whose credential the provider said expires within a week, now needing attention. */
  expiring: string[];
}

/** How many due connections one pass handles; the next pass takes the rest. */
const batch = 100;

/**
 * One pass of the sync scheduler, run by every replica's maintenance loop:
 * queues a sync for each live server-collected connection whose next sync is
 * due, and turns connections with no success for three intervals (or a
 * device collector silent that long) `needs_attention`, once, and so too
 * connections whose credential expires within a week. Each due
 * connection is claimed by clearing its time only if it is unchanged, so two
 * replicas never queue the same sync twice.
 *
 * @example
 * setInterval(() => services.keepSyncing(), 5_000);
 */
export async function keepSyncing(deps: ServiceDeps): Promise<KeepSyncingResult> {
  const now = deps.clock();
  const stamp = now.toISOString();
  const result: KeepSyncingResult = { queued: [], stale: [], expiring: [] };
  for (const due of await listDueSyncs(deps.store.db, stamp, batch)) {
    await deps.store.transaction(async (trx) => {
      if (!(await claimDueSync(trx, due.connection_id, due.next_sync_at!, stamp))) return;
      const connection = await loadConnection(trx, due.connection_id);
      const live = connection.status === 'active' || connection.status === 'needs_attention';
      if (!live || collectionSite(ModalitySchema.parse(connection.modality)) !== 'server') return;
      const run = await queueRunIn(trx, now, connection, 'sync', { scheduled: true });
      await writeAuditEvent(trx, now, {
        ownerId: connection.owner_id,
        actor: 'system',
        action: 'run.queued',
        connectionId: connection.id,
        details: { run_id: run.id, kind: run.kind, scheduled: true },
      });
      result.queued.push(connection.id);
    });
  }
  for (const health of await listTurnedStale(deps.store.db, stamp, batch)) {
    await deps.store.transaction(async (trx) => {
      const connection = await loadConnection(trx, health.connection_id);
      const device = collectionSite(ModalitySchema.parse(connection.modality)) === 'device';
      const reason = device ? 'collector_silent' : 'stale';
      if (connection.status !== 'active') {
        // Revoked or retired: nothing to say. Already needing attention (a refused credential):
        // its own repair stays the one offered. Either way the next success starts the count anew.
        await putSyncHealth(trx, { ...health, stale_at: null, updated_at: stamp });
        return;
      }
      await putSyncHealth(trx, { ...health, attention_reason: reason, updated_at: stamp });
      await applyTransition(trx, connection, { type: 'sync_stale' }, now, {}, { reason });
      await writeAuditEvent(trx, now, {
        ownerId: connection.owner_id,
        actor: 'system',
        action: 'connection.stale',
        connectionId: connection.id,
        details: { reason, last_success_at: health.last_success_at },
      });
      result.stale.push(connection.id);
    });
  }
  for (const health of await listTurnedExpiring(deps.store.db, expiringBefore(now), batch)) {
    await deps.store.transaction(async (trx) => {
      const connection = await loadConnection(trx, health.connection_id);
      // Changed since the list was read (revoked, already needing attention): its own repair stays.
      if (connection.status !== 'active') return;
      const reason = 'credential_expiring';
      await putSyncHealth(trx, { ...health, attention_reason: reason, updated_at: stamp });
      await applyTransition(trx, connection, { type: 'credential_expiring' }, now, {}, { reason });
      await writeAuditEvent(trx, now, {
        ownerId: connection.owner_id,
        actor: 'system',
        action: 'connection.credential_expiring',
        connectionId: connection.id,
        details: { reason },
      });
      result.expiring.push(connection.id);
    });
  }
  return result;
}
