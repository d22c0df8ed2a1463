import { type ConnError, isConnError } from '@conn/setup-engine';
import { refuseClaimedArtifact, releaseClaimedArtifact, type UploadArtifactRow } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { raiseUploadVerdict } from './raise-upload-verdict';
import { storedValidation } from './stored-validation';

/**
 * After a failed import: a file the importer refused (`artifact_invalid`
 * naming it) turns `invalid` with the importer's remedy; every other file
 * is released back to `staged`, to be imported again while it lives.
 *
 * @example
 * if (summary.owned) await settleFailedImport(deps, run.connection_id, artifacts, error);
 */
export async function settleFailedImport(
  deps: ServiceDeps,
  connectionId: string,
  artifacts: readonly UploadArtifactRow[],
  error: unknown,
): Promise<void> {
  const refused = isConnError(error, 'artifact_invalid') ? error : null;
  const refusedName = refused?.details?.file_name;
  const now = deps.clock();
  await deps.store.transaction(async (trx) => {
    for (const artifact of artifacts) {
      if (refused !== null && artifact.file_name === refusedName) {
        const validationJson = JSON.stringify(refusedReport(artifact, refused));
        await refuseClaimedArtifact(trx, artifact.id, {
          connectionId,
          validation_json: validationJson,
          now,
        });
        raiseUploadVerdict(trx, now, artifact, 'invalid', validationJson);
      } else {
        await releaseClaimedArtifact(trx, artifact.id, { connectionId, now });
      }
    }
  });
}

function refusedReport(artifact: UploadArtifactRow, refused: ConnError): Record<string, unknown> {
  const validation = storedValidation(artifact.validation_json);
  const reason = refused.details?.reason;
  return {
    ...validation,
    valid: false,
    remedy: refused.message,
    details: {
      ...validation?.details,
      reason: typeof reason === 'string' ? reason : 'refused_on_import',
    },
  };
}
