import {
  ConnError,
  describeIssues,
  type ImportRequest,
  ImportRequestSchema,
  type SetupStatus,
} from '@conn/setup-engine';
import {
  type ConnectionRow,
  claimStagedArtifacts,
  findOpenRun,
  listOwnedArtifacts,
  type StoreDb,
  type StoreTransaction,
  setConnectionAccount,
  setRunPayload,
  type UploadArtifactRow,
} from '@conn/store';
import type { z } from 'zod';
import { insertConnection } from '../connections/insert-connection';
import { loadOwnedConnection } from '../connections/load-owned-connection';
import { readSetupStatus } from '../connections/read-setup-status';
import { queueRunIn } from '../runs/queue-run-in';
import type { Actor, ServiceDeps } from '../service-deps';
import { assertSetupAvailable } from '../shared/assert-setup-available';
import { writeAuditEvent } from '../shared/audit-event';
import { planFor } from '../shared/plan-for';
import { artifactNotFound } from './artifact-not-found';
import { checkImportReadings } from './check-import-readings';
import { effectiveArtifactStatus } from './effective-artifact-status';
import type { ImportPayloadSchema } from './import-payload';
import { storedIdentity } from './stored-identity';
import { storedValidation } from './stored-validation';
/**
 * The body of `POST /v1/owner/uploads/import`: staged files of one connector,
 * into a new source (label optional: the first file's suggested label) or an
 * existing connection the owner picked.
 */

/**
 * Imports staged files into one source and returns that connection's setup
 * status (`first_sync_pending` for a new source). Every file must be the
 * owner's (`artifact_not_found`), staged and unexpired, and not already
 * being imported (`artifact_not_staged`, naming the file and its status), and
 * all of one connector. A `new` target creates a `manual_or_upload` draft
 * labelled with the given label or the first file's suggested one; a
 * `connection_id` must be the owner's live or draft connection of the same
 * connector, picked by id only. The files are claimed for the connection and
 * an `import` run is queued carrying their ids and the owner's `readings`
 * (picks among the choices their validation offered, see
 * `checkImportReadings`); the server's worker (`runNextImport`) does the rest. Nothing is written when anything is refused.
 *
 * @example
 * const status = await services.importArtifacts(ownerId, {
 *   artifact_ids: [first.id, second.id],
 *   target: { new: {} },
 * });
 */
export async function importArtifacts(
  deps: ServiceDeps,
  ownerId: string,
  input: ImportRequest,
  actor: Actor = 'owner',
): Promise<SetupStatus> {
  const parsed = ImportRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConnError('invalid_request', describeIssues(parsed.error.issues).join('; '));
  }
  const { artifact_ids: ids, target, readings = {} } = parsed.data;
  if (new Set(ids).size !== ids.length) {
    throw new ConnError('invalid_request', 'Name each uploaded file once.');
  }
  const now = deps.clock();
  const artifacts = await loadImportable(deps.store.db, ownerId, ids, now);
  const connector = artifacts[0]!.connector;
  const { manifest } = deps.registry.require(connector);
  const { setup } = manifest;
  checkImportReadings(readings, artifacts);
  if (setup.modality !== 'manual_or_upload') {
    throw new ConnError('modality_mismatch', `${manifest.name} does not import files.`, {
      connector,
    });
  }
  if (!setup.upload.multi_file && ids.length > 1) {
    throw new ConnError('invalid_request', `${manifest.name} imports one file at a time.`, {
      connector,
    });
  }
  assertSetupAvailable(await planFor(deps, ownerId, connector));

  return deps.store.transaction(async (trx) => {
    // Re-read inside the transaction: the checks above let a bad request fail without one.
    await loadImportable(trx, ownerId, ids, now);
    const connection =
      'new' in target
        ? await insertConnection(
            trx,
            now,
            { type: 'draft_created' },
            {
              ownerId,
              connector,
              modality: setup.modality,
              label:
                target.new.label ??
                storedValidation(artifacts[0]!.validation_json)?.suggested_label ??
                null,
              fields: {},
              unproven: false,
              expiresAt: null,
            },
          )
        : await existingTarget(trx, ownerId, target.connection_id, connector, manifest.name);
    if ('new' in target) {
      // Files of one account (one chat) make a source of that account, so another export of it is known as the same.
      const identities = artifacts.map((artifact) => storedIdentity(artifact.validation_json));
      const [first] = identities;
      if (first && identities.every((identity) => identity?.account_id === first.account_id)) {
        await setConnectionAccount(trx, connection.id, first);
      }
    }
    const claimed = await claimStagedArtifacts(trx, {
      artifactIds: ids,
      ownerId,
      connectionId: connection.id,
      now,
    });
    if (claimed !== ids.length) {
      throw new ConnError(
        'artifact_not_staged',
        'One of these files changed while the import was being set up. Check their status and try again.',
      );
    }
    const run = await queueRunIn(trx, now, connection, 'import');
    const payload: z.input<typeof ImportPayloadSchema> = {
      artifact_ids: ids,
      ...(Object.keys(readings).length === 0 ? {} : { readings }),
    };
    await setRunPayload(trx, run.id, JSON.stringify(payload));
    if ('new' in target) {
      await writeAuditEvent(trx, now, {
        ownerId,
        actor,
        action: 'draft.created',
        connectionId: connection.id,
        details: { connector, unproven: false },
      });
    }
    await writeAuditEvent(trx, now, {
      ownerId,
      actor,
      action: 'import.queued',
      connectionId: connection.id,
      details: { run_id: run.id, connector, artifacts: ids.length },
    });
    return readSetupStatus(deps, trx, ownerId, connection.id);
  });
}

/**
 * The artifacts in the owner's order, each checked: the owner's, staged, not
 * expired, not claimed by another import, and all of one connector.
 */
async function loadImportable(
  db: StoreDb,
  ownerId: string,
  ids: readonly string[],
  now: Date,
): Promise<UploadArtifactRow[]> {
  const rows = await listOwnedArtifacts(db, ownerId, ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = ids.map((id) => {
    const row = byId.get(id);
    if (row === undefined) throw artifactNotFound(id);
    return row;
  });
  for (const row of ordered) {
    const status = effectiveArtifactStatus(row, now);
    if (status !== 'staged') {
      throw new ConnError('artifact_not_staged', notStagedMessage(row.file_name, status), {
        artifact_id: row.id,
        status,
      });
    }
    if (row.connection_id !== null) {
      throw new ConnError('artifact_not_staged', `"${row.file_name}" is already being imported.`, {
        artifact_id: row.id,
        status: 'importing',
      });
    }
  }
  const connectors = new Set(ordered.map((row) => row.connector));
  if (connectors.size > 1) {
    throw new ConnError(
      'invalid_request',
      'These files are exports of different services; import each service’s files on their own.',
      { connectors: [...connectors] },
    );
  }
  return ordered;
}

function notStagedMessage(fileName: string, status: string): string {
  switch (status) {
    case 'invalid':
      return `"${fileName}" is not an export this source can import; see its remedy.`;
    case 'duplicate':
      return `"${fileName}" is a copy of a file you already uploaded; import that one instead.`;
    case 'imported':
      return `"${fileName}" has already been imported.`;
    case 'expired':
      return `"${fileName}" was not imported within 24 hours and has been discarded. Upload it again.`;
    case 'interrupted':
      return `"${fileName}" did not finish uploading: the server stopped while receiving it. Upload it again.`;
    default:
      return `"${fileName}" is still being checked. Wait until it is staged.`;
  }
}

/**
 * The existing connection an import adds to: the owner's (by id only, never a
 * look-alike label), of the same connector, neither revoked nor a retired
 * attempt, and with no run in progress.
 */
async function existingTarget(
  trx: StoreTransaction,
  ownerId: string,
  connectionId: string,
  connector: string,
  connectorName: string,
): Promise<ConnectionRow> {
  const connection = await loadOwnedConnection(trx, ownerId, connectionId);
  if (connection.connector !== connector) {
    throw new ConnError(
      'modality_mismatch',
      `That connection is not a ${connectorName} source; import these files into a ${connectorName} source.`,
      { connector: connection.connector, expected_connector: connector },
    );
  }
  if (connection.status === 'revoked' || connection.retired_at !== null) {
    throw new ConnError(
      'illegal_transition',
      'That connection is not collecting any more; reconnect it or import into a new source.',
      { from: connection.status },
    );
  }
  const live = await findOpenRun(trx, connection.id);
  if (live !== undefined) {
    throw new ConnError(
      'illegal_transition',
      'An import into that connection is still running; wait for it to finish, then import these files.',
      { run_id: live.id },
    );
  }
  return connection;
}
