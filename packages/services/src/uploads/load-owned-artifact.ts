import { findOwnedArtifact, type StoreDb, type UploadArtifactRow } from '@conn/store';
import { artifactNotFound } from './artifact-not-found';

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
