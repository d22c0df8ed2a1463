import { ConnError, type DeletedConnection } from '@conn/setup-engine';
import { eraseConnection, lockConnectionRow } from '@conn/store';
import { stopCollection } from '../collectors/stop-collection';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import { raiseEvent } from '../events/raise-event';
import type { Actor, ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { removeDataFiles } from './remove-data-files';

/**
 * Deletes a connection with everything it holds, once the owner typed its
 * label or id (`confirm`): collection stops first (its runs are cancelled in
 * their own transaction, so a worker mid-batch rolls its batch back and
 * stops), then every row of it goes in one transaction — records, counts,
 * sealed credential, collector tokens, uploads, cursors, health, runs — with
 * a `connection_deleted` event and an audit row, which stay. After commit
 * the data directory loses its uploads' folders and the blobs only it held.
 *
 * @example
 * const deleted = await services.deleteConnection(ownerId, connectionId, 'Family chat', 'owner');
 */
export async function deleteConnection(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  confirm: string,
  actor: Actor = 'owner',
): Promise<DeletedConnection> {
  const current = await loadOwnedConnection(deps.store.db, ownerId, connectionId);
  const typed = confirm.trim();
  const label = current.label?.trim() ?? '';
  if (typed !== current.id && (label === '' || typed !== label)) {
    throw new ConnError(
      'confirmation_mismatch',
      'Type the source’s name (or its id) exactly to delete it.',
    );
  }
  await deps.store.transaction(async (trx) => {
    await lockConnectionRow(trx, connectionId);
    await stopCollection(trx, connectionId, deps.clock(), { cancelRuns: 'connection_deleted' });
  });
  const now = deps.clock();
  const erased = await deps.store.transaction(async (trx) => {
    const connection = await loadOwnedConnection(trx, ownerId, connectionId);
    await lockConnectionRow(trx, connection.id);
    // A run queued between the two transactions (a schedule) is stopped too.
    await stopCollection(trx, connection.id, now, { cancelRuns: 'connection_deleted' });
    const result = await eraseConnection(trx, connection.id);
    raiseEvent(trx, ownerId, now, {
      type: 'connection_deleted',
      connector: connection.connector,
      connection_id: connection.id,
      records_deleted: result.recordsDeleted,
    });
    await writeAuditEvent(trx, now, {
      ownerId,
      actor,
      action: 'connection.deleted',
      connectionId: connection.id,
      details: {
        connector: connection.connector,
        records_deleted: result.recordsDeleted,
        runs_deleted: result.runsDeleted,
        uploads_deleted: result.artifactIds.length,
        blobs_deleted: result.blobPaths.length,
      },
    });
    return result;
  });
  await removeDataFiles(deps.dataDir, erased);
  return {
    connection_id: connectionId,
    records_deleted: erased.recordsDeleted,
    runs_deleted: erased.runsDeleted,
    uploads_deleted: erased.artifactIds.length,
    blobs_deleted: erased.blobPaths.length,
  };
}
