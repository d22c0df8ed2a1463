import { join } from 'node:path';

/**
 * Where uploads live under the server's data directory. Rows store these
 * paths relative to the data directory, so a moved (or shared, when
 * replicated) data directory keeps working. Nothing here is derived from a
 * name the owner sent: folders are named by artifact id, files by random
 * names, blobs by their SHA-256.
 *
 * @example
 * const folder = uploadPaths.absolute(dataDir, uploadPaths.artifactFolder(artifact.id));
 */
export const uploadPaths = Object.freeze({
  /** The folder holding one folder per artifact. */
  artifactsRoot: 'artifacts',
  /** The folder of content-addressed blobs. */
  blobsRoot: 'blobs',
  /** Where a blob is written before its hash (and so its name) is known. */
  blobsIncoming: 'blobs/incoming',
  /** `artifacts/<artifact id>`: one artifact's own folder. */
  artifactFolder: (artifactId: string): string => `artifacts/${artifactId}`,
  /** `artifacts/<artifact id>/staged`: what the validator staged for the import (see `UploadValidationInput.staging`). */
  artifactStaging: (artifactId: string): string => `artifacts/${artifactId}/staged`,
  /** `blobs/<first two hex digits>/<sha256>`. */
  blobFile: (sha256: string): string => `blobs/${sha256.slice(0, 2)}/${sha256}`,
  /** A stored relative path, resolved against the data directory. */
  absolute: (dataDir: string, relative: string): string => join(dataDir, relative),
});
