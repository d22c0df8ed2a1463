import type { ArtifactStatus } from '@conn/setup-engine';
import type { UploadArtifactRow } from '../schema';
import type { StoreDb } from './store-db';

const staged: ArtifactStatus = 'staged';

// An import's side of an artifact's life: claimed for a connection, then
// imported, refused or released.

/**
 * Claims the owner's staged, unclaimed, unexpired artifacts among `artifactIds`
 * for a connection's import. Resolves how many were claimed: fewer than asked
 * means some were not claimable (the caller rolls back).
 *
 * @example
 * if ((await claimStagedArtifacts(trx, { artifactIds: ids, ownerId, connectionId, now })) !== ids.length) refuse();
 */
export async function claimStagedArtifacts(
  db: StoreDb,
  claim: {
    readonly artifactIds: readonly string[];
    readonly ownerId: string;
    readonly connectionId: string;
    readonly now: Date;
  },
): Promise<number> {
  if (claim.artifactIds.length === 0) return 0;
  const stamp = claim.now.toISOString();
  const result = await db
    .updateTable('upload_artifacts')
    .set({ connection_id: claim.connectionId, updated_at: stamp })
    .where('id', 'in', [...claim.artifactIds])
    .where('owner_id', '=', claim.ownerId)
    .where('status', '=', staged)
    .where('connection_id', 'is', null)
    .where('expires_at', '>', stamp)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The artifacts among `artifactIds` claimed by this connection.
 *
 * @example
 * const artifacts = await listClaimedArtifacts(db, run.connection_id, payload.artifact_ids);
 */
export async function listClaimedArtifacts(
  db: StoreDb,
  connectionId: string,
  artifactIds: readonly string[],
): Promise<UploadArtifactRow[]> {
  if (artifactIds.length === 0) return [];
  return db
    .selectFrom('upload_artifacts')
    .selectAll()
    .where('id', 'in', [...artifactIds])
    .where('connection_id', '=', connectionId)
    .execute();
}

/**
 * Marks the connection's claimed artifacts among `artifactIds` imported.
 *
 * @example
 * await markArtifactsImported(trx, run.connection_id, ids, now);
 */
export async function markArtifactsImported(
  db: StoreDb,
  connectionId: string,
  artifactIds: readonly string[],
  now: Date,
): Promise<void> {
  if (artifactIds.length === 0) return;
  const stamp = now.toISOString();
  const status: ArtifactStatus = 'imported';
  await db
    .updateTable('upload_artifacts')
    .set({ status, imported_at: stamp, updated_at: stamp })
    .where('id', 'in', [...artifactIds])
    .where('connection_id', '=', connectionId)
    .execute();
}

/**
 * Turns a staged artifact the importer refused into `invalid` with its report.
 *
 * @example
 * await refuseClaimedArtifact(trx, artifact.id, { connectionId, validation_json, now });
 */
export async function refuseClaimedArtifact(
  db: StoreDb,
  artifactId: string,
  refusal: { readonly connectionId: string; readonly validation_json: string; readonly now: Date },
): Promise<void> {
  const invalid: ArtifactStatus = 'invalid';
  await db
    .updateTable('upload_artifacts')
    .set({
      status: invalid,
      validation_json: refusal.validation_json,
      updated_at: refusal.now.toISOString(),
    })
    .where('id', '=', artifactId)
    .where('connection_id', '=', refusal.connectionId)
    .where('status', '=', staged)
    .execute();
}

/**
 * Gives a staged artifact back (unclaimed) after its import failed, so it may be imported again.
 *
 * @example
 * await releaseClaimedArtifact(trx, artifact.id, { connectionId, now });
 */
export async function releaseClaimedArtifact(
  db: StoreDb,
  artifactId: string,
  release: { readonly connectionId: string; readonly now: Date },
): Promise<void> {
  await db
    .updateTable('upload_artifacts')
    .set({ connection_id: null, updated_at: release.now.toISOString() })
    .where('id', '=', artifactId)
    .where('connection_id', '=', release.connectionId)
    .where('status', '=', staged)
    .execute();
}
