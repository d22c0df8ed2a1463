import { ConnError } from '@conn/setup-engine';

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
