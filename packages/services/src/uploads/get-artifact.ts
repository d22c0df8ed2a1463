import type { ArtifactView } from '@conn/setup-engine';
import type { ServiceDeps } from '../service-deps';
import { artifactView } from './artifact-view';
import { loadOwnedArtifact } from './load-owned-artifact';

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
