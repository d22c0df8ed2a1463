import type { ArtifactView } from '@conn/setup-engine';
import { ConnError } from '@conn/setup-engine';
import { findOwnedArtifact, type StoreDb, type UploadArtifactRow } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { artifactView } from './artifact-view';

/**
 * One of the owner's uploaded files: status and validation report. Another
 * owner's artifact and a missing one are the same `artifact_not_found`.
 *
 * @example
 * const artifact = await services.getArtifact(ownerId, artifactId);
 * if (artifact.status === 'staged') offerImport(artifact);
 */
export async function getArtifact(
  deps: ServiceDeps,
  ownerId: string,
  artifactId: string,
): Promise<ArtifactView> {
  return artifactView(await loadOwnedArtifact(deps.store.db, ownerId, artifactId), deps.clock());
}

/**
 * The artifact row with this id if it belongs to this owner; `artifact_not_found` otherwise.
 *
 * @example
 * const row = await loadOwnedArtifact(trx, ownerId, id);
 */
export async function loadOwnedArtifact(
  db: StoreDb,
  ownerId: string,
  artifactId: string,
): Promise<UploadArtifactRow> {
  const row = await findOwnedArtifact(db, ownerId, artifactId);
  if (row === undefined) throw artifactNotFound(artifactId);
  return row;
}

/**
 * The `artifact_not_found` error, naming the id only when it looks like one
 * of ours (caller text is not echoed).
 *
 * @example
 * throw artifactNotFound(id);
 */
export function artifactNotFound(artifactId: string): ConnError<'artifact_not_found'> {
  const named = /^art_[0-9A-Za-z]{1,64}$/.test(artifactId);
  return new ConnError(
    'artifact_not_found',
    'There is no such uploaded file for this owner.',
    named ? { artifact_id: artifactId } : undefined,
  );
}
