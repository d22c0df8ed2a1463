import { collectionSite, isCredentialRefusal, ModalitySchema } from '@conn/setup-engine';
import type { RunRow, StoreDb } from '@conn/store';
import { loadConnection } from '../connections/load-connection';
import type { Actor } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';

/**
 * What a run's end means for its connection, applied through the engine.
 * Shared with stale-run recovery, which ends runs on its own.
 *
 * @example
 * await afterRunEnded(trx, now, endedRun, 'system');
 */
export async function afterRunEnded(
  db: StoreDb,
  now: Date,
  run: RunRow,
  actor: Actor,
): Promise<void> {
  const connection = await loadConnection(db, run.connection_id);
  let event: 'first_sync_failed' | 'refresh_failed' | null = null;
  if (connection.status === 'draft' && connection.retired_at === null) {
    event = 'first_sync_failed';
  } else if (
    connection.status === 'active' &&
    run.status === 'failed' &&
    isCredentialRefusal(run.error_code) &&
    // Only a server-collected connection holds the credential a provider refused.
    collectionSite(ModalitySchema.parse(connection.modality)) === 'server'
  ) {
    event = 'refresh_failed';
  }
  if (event !== null) await applyTransition(db, connection, { type: event }, now);
  await writeAuditEvent(db, now, {
    ownerId: connection.owner_id,
    actor,
    action: event === 'first_sync_failed' ? 'first_sync.failed' : 'run.finished',
    connectionId: connection.id,
    details: {
      run_id: run.id,
      kind: run.kind,
      status: run.status,
      error_code: run.error_code,
      connection_event: event,
    },
  });
}
