import { ConnError, isOpenRun, type UndoneRun } from '@conn/setup-engine';
import {
  countConnectionRecords,
  deleteConnectionArtifacts,
  deleteRunRecords,
  findRun,
  getRun,
  lockConnectionRow,
  markRunUndone,
  releaseBlobs,
} from '@conn/store';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import { raiseEvent } from '../events/raise-event';
import { summarizeRun } from '../runs/summarize-run';
import type { Actor, ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { ImportPayloadSchema } from '../uploads/import-payload';
import { removeDataFiles } from './remove-data-files';

/**
 * Undoes one finished import run: deletes the records that run first
 * inserted (records it only saw again or updated stay, as they were there
 * before), the media only it brought, and its uploads' rows (so the same file
 * can be imported again), with the stream counts in the same transaction.
 * The run stays in the history with `undone_at`; a `run_undone` event and an
 * audit row record it. Only an import that has ended can be undone, once.
 *
 * @example
 * const { records_deleted } = await services.undoImport(ownerId, connectionId, runId, 'owner');
 */
export async function undoImport(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  runId: string,
  actor: Actor = 'owner',
): Promise<UndoneRun> {
  const now = deps.clock();
  const done = await deps.store.transaction(async (trx) => {
    const connection = await loadOwnedConnection(trx, ownerId, connectionId);
    await lockConnectionRow(trx, connection.id);
    const run = await findRun(trx, runId, { connectionId: connection.id });
    if (run === undefined) throw new ConnError('run_not_found', 'There is no such run.');
    if (run.kind !== 'import') {
      throw new ConnError('run_not_undoable', 'Only an import can be undone.');
    }
    if (isOpenRun(run.status)) {
      throw new ConnError(
        'run_not_undoable',
        'This import is still running: cancel it, then undo it.',
      );
    }
    if (!(await markRunUndone(trx, run.id, now))) {
      throw new ConnError('run_not_undoable', 'This import was already undone.');
    }
    const recordsDeleted = await deleteRunRecords(trx, connection.id, run.id);
    const blobPaths = await releaseBlobs(trx, connection.id, { runId: run.id });
    const payload = ImportPayloadSchema.safeParse(JSON.parse(run.payload_json));
    const artifactIds = await deleteConnectionArtifacts(
      trx,
      connection.id,
      payload.success ? payload.data.artifact_ids : [],
    );
    raiseEvent(trx, ownerId, now, {
      type: 'run_undone',
      connector: connection.connector,
      connection_id: connection.id,
      run_id: run.id,
      run_kind: run.kind,
      records_deleted: recordsDeleted,
    });
    await writeAuditEvent(trx, now, {
      ownerId,
      actor,
      action: 'import.undone',
      connectionId: connection.id,
      details: {
        run_id: run.id,
        records_deleted: recordsDeleted,
        uploads_deleted: artifactIds.length,
        blobs_deleted: blobPaths.length,
      },
    });
    return {
      result: {
        run: summarizeRun(await getRun(trx, run.id)),
        records_deleted: recordsDeleted,
        records_total: await countConnectionRecords(trx, connection.id),
      },
      freed: { artifactIds, blobPaths },
    };
  });
  await removeDataFiles(deps.dataDir, done.freed);
  return done.result;
}
