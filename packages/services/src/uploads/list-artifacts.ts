import type { ArtifactView } from '@conn/setup-engine';
import { listRecentArtifacts } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { artifactView } from './artifact-view';

/**
 * The owner's uploaded files, newest first, up to `limit` (default 50, at
 * most 100), each with its status: including uploads whose client never got
 * the artifact id (the server died mid-way and they read `interrupted`).
 *
 * @example
 * const uploads = await services.listArtifacts(ownerId, { limit: 20 });
 */
export async function listArtifacts(
  deps: ServiceDeps,
  ownerId: string,
  options: { limit?: number } = {},
): Promise<ArtifactView[]> {
  const limit = Math.min(Math.max(1, options.limit ?? 50), 100);
  const now = deps.clock();
  return (await listRecentArtifacts(deps.store.db, ownerId, limit)).map((row) =>
    artifactView(row, now),
  );
}
