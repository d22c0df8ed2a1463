import { ConnError, collectionSite, ModalitySchema, type RunSummary } from '@conn/setup-engine';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import type { Actor, ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { queueRunIn } from './queue-run-in';
import type { RunKind } from './run-kinds';
import { summarizeRun } from './summarize-run';

/**
 * Queues a sync of one of the owner's connections: the first sync of a draft,
 * a later sync of a live one. Revoked connections and retired drafts collect
 * nothing (`illegal_transition`); connections the server does not collect
 * (device collectors, uploads) are `modality_mismatch`.
 *
 * @example
 * const run = await services.queueRun(ownerId, connectionId);
 */
export async function queueRun(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  actor: Actor = 'owner',
): Promise<RunSummary> {
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const connection = await loadOwnedConnection(trx, ownerId, connectionId);
    if (connection.status === 'revoked' || connection.retired_at !== null) {
      throw new ConnError(
        'illegal_transition',
        'This connection is not collecting any more; reconnect it first.',
        { from: connection.status },
      );
    }
    if (collectionSite(ModalitySchema.parse(connection.modality)) !== 'server') {
      throw new ConnError(
        'modality_mismatch',
        'This connection is not synced by the server: run its collector on your device, or import its files.',
        { modality: connection.modality },
      );
    }
    const kind: RunKind = connection.status === 'draft' ? 'first_sync' : 'sync';
    const run = await queueRunIn(trx, now, connection, kind);
    await writeAuditEvent(trx, now, {
      ownerId,
      actor,
      action: 'run.queued',
      connectionId: connection.id,
      details: { run_id: run.id, kind: run.kind },
    });
    return summarizeRun(run);
  });
}
