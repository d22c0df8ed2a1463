import { rm } from 'node:fs/promises';
import { uploadPaths } from './upload-paths';

/**
 * Removes an artifact's folder and everything in it; a folder already gone
 * is fine.
 *
 * @example
 * await removeArtifactFolder(dataDir, artifact.id);
 */
export async function removeArtifactFolder(dataDir: string, artifactId: string): Promise<void> {
  await rm(uploadPaths.absolute(dataDir, uploadPaths.artifactFolder(artifactId)), {
    recursive: true,
    force: true,
  });
}
