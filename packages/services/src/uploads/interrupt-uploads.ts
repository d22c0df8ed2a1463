import { invalidUploadReport } from '@conn/connectors';
import { interruptLapsedUploads } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { removeArtifactFolder } from './remove-artifact-folder';

const interruptedReport = JSON.stringify(
  invalidUploadReport(
    'This upload was interrupted before the server finished receiving or checking it. Upload the file again.',
    { reason: 'upload_interrupted' },
  ),
);

/**
 * Marks every upload whose lease lapsed `interrupted` (its receiving server
 * died: a live one renews its lease every few seconds) with a remedy, and
 * removes its partial file at once. Safe from any replica and from several at
 * once: the update is conditional and the removal tolerates absence.
 * Resolves the interrupted artifacts' ids.
 *
 * @example
 * setInterval(() => services.interruptUploads(), 3_000);
 */
export async function interruptUploads(
  deps: ServiceDeps,
  now: Date = deps.clock(),
): Promise<string[]> {
  const ids = await interruptLapsedUploads(deps.store.db, {
    validation_json: interruptedReport,
    now,
  });
  const { dataDir } = deps;
  if (dataDir !== null) {
    for (const id of ids) await removeArtifactFolder(dataDir, id);
  }
  return ids;
}
