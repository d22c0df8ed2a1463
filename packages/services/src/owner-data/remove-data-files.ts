import { rm } from 'node:fs/promises';
import { uploadPaths } from '../uploads/upload-paths';

/**
 * Removes what a deletion or an undo freed from the data directory, after its
 * transaction committed: artifact folders (by id) and blob files (by their
 * stored relative path). A file already gone is fine; without a data
 * directory (a server without uploads) there is nothing to remove.
 *
 * @example
 * await removeDataFiles(deps.dataDir, { artifactIds, blobPaths });
 */
export async function removeDataFiles(
  dataDir: string | null,
  freed: { readonly artifactIds: readonly string[]; readonly blobPaths: readonly string[] },
): Promise<void> {
  if (dataDir === null) return;
  const paths = [
    ...freed.artifactIds.map((id) => uploadPaths.artifactFolder(id)),
    ...freed.blobPaths,
  ];
  await Promise.all(
    paths.map((relative) =>
      rm(uploadPaths.absolute(dataDir, relative), { recursive: true, force: true }),
    ),
  );
}
