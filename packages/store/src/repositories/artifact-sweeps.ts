import {
  type ArtifactStatus,
  importableArtifactStatuses,
  openRunStatuses,
  receivingArtifactStatuses,
} from '@conn/setup-engine';
import type { StoreDb } from './store-db';

const staged: ArtifactStatus = 'staged';

/** The query behind {@link expireAbandonedArtifacts}, for plan checks. */
export function expireAbandonedArtifactsQuery(db: StoreDb, now: Date) {
  const stamp = now.toISOString();
  const expired: ArtifactStatus = 'expired';
  return (
    db
      .updateTable('upload_artifacts')
      .set({ status: expired, updated_at: stamp })
      .where('imported_at', 'is', null)
      // A file claimed by a running import is not abandoned; its claim is released first.
      .where('connection_id', 'is', null)
      // Artifacts that may still be imported; once past their lifetime they expire.
      .where('status', 'in', importableArtifactStatuses)
      .where('expires_at', '<=', stamp)
  );
}

/**
 * Expires every unclaimed, never-imported artifact (uploaded, validating or
 * staged) whose lifetime ended by `now`. Resolves how many.
 *
 * @example
 * const expired = await expireAbandonedArtifacts(db, now);
 */
export async function expireAbandonedArtifacts(db: StoreDb, now: Date): Promise<number> {
  const result = await expireAbandonedArtifactsQuery(db, now).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Releases staged artifacts claimed by a connection that has no open import
 * run any more (the run ended without settling them). Resolves how many.
 *
 * @example
 * const released = await releaseOrphanedArtifactClaims(db, now);
 */
export async function releaseOrphanedArtifactClaims(db: StoreDb, now: Date): Promise<number> {
  const result = await db
    .updateTable('upload_artifacts')
    .set({ connection_id: null, updated_at: now.toISOString() })
    .where('status', '=', staged)
    .where('connection_id', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('runs')
            .select('runs.id')
            .whereRef('runs.connection_id', '=', 'upload_artifacts.connection_id')
            .where('runs.kind', '=', 'import')
            .where('runs.status', 'in', openRunStatuses),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Turns uploads whose lease lapsed by `now` (their receiving process died:
 * a live one renews it) into `interrupted` with `validation_json` (the
 * interrupted-upload report). A row without a lease (written before leases)
 * counts from its `updated_at`. Resolves the interrupted artifacts' ids.
 *
 * @example
 * const ids = await interruptLapsedUploads(db, { validation_json: report, now });
 */
export async function interruptLapsedUploads(
  db: StoreDb,
  options: { readonly validation_json: string; readonly now: Date },
): Promise<string[]> {
  const interrupted: ArtifactStatus = 'interrupted';
  const stamp = options.now.toISOString();
  const rows = await db
    .updateTable('upload_artifacts')
    .set({ status: interrupted, validation_json: options.validation_json, updated_at: stamp })
    .where('status', 'in', receivingArtifactStatuses)
    .where((eb) => eb(eb.fn.coalesce('lease_expires_at', 'updated_at'), '<=', stamp))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * The status of each artifact among `artifactIds` that has a row (for the folder sweep).
 *
 * @example
 * const statusOf = new Map((await listArtifactStatuses(db, batch)).map((row) => [row.id, row.status]));
 */
export async function listArtifactStatuses(
  db: StoreDb,
  artifactIds: readonly string[],
): Promise<{ id: string; status: string }[]> {
  if (artifactIds.length === 0) return [];
  return db
    .selectFrom('upload_artifacts')
    .select(['id', 'status'])
    .where('id', 'in', [...artifactIds])
    .execute();
}
