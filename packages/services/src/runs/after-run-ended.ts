import { collectionSite, isCredentialRefusal, ModalitySchema } from '@conn/setup-engine';
import type { RunRow, StoreDb } from '@conn/store';
import { loadConnection } from '../connections/load-connection';
import { raiseEvent } from '../events/raise-event';
import type { Actor, ServiceDeps } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';
import { recordSyncOutcome } from '../syncs/record-sync-outcome';

/**
 * What a run's end means for its connection, applied through the engine,
 * and the run's published end: a first sync that left its draft a draft is
 * the lifecycle's `run_failed`; any other run ends `run_succeeded` or
 * `run_failed`; a live connection's health (next sync, failures,
 * recovery) follows the run. Shared with stale-run recovery, which ends runs
 * on its own.
 *
 * @example
 * await afterRunEnded(deps, trx, now, endedRun, 'system');
 */
export async function afterRunEnded(
  deps: ServiceDeps,
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
  const ids = { run_id: run.id, run_kind: run.kind };
  if (event === 'first_sync_failed') {
    await applyTransition(
      db,
      connection,
      { type: event },
      now,
      {},
      { ...ids, error_code: run.error_code },
    );
  } else {
    if (event === 'refresh_failed') {
      await applyTransition(
        db,
        connection,
        { type: event },
        now,
        {},
        {
          run_id: run.id,
          reason: run.error_code ?? 'credential_refused',
        },
      );
    }
    raiseEvent(
      db,
      connection.owner_id,
      now,
      run.status === 'succeeded'
        ? {
            type: 'run_succeeded',
            connector: connection.connector,
            connection_id: connection.id,
            ...ids,
            records_accepted: run.records_accepted,
          }
        : {
            type: 'run_failed',
            connector: connection.connector,
            connection_id: connection.id,
            ...ids,
            error_code: run.error_code ?? (run.status === 'cancelled' ? 'cancelled' : null),
          },
    );
  }
  if (event !== 'first_sync_failed') {
    // A refused credential above has just moved it: health follows the status it has now.
    const current =
      event === 'refresh_failed' ? await loadConnection(db, connection.id) : connection;
    await recordSyncOutcome(deps, db, now, current, run);
  }
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
