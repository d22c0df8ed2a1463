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
 * Turns uploads whose receiver stopped heartbeating before `heartbeatBefore`
 * into `invalid` with `validation_json` (the interrupted-upload report). Resolves how many.
 *
 * @example
 * const interrupted = await failInterruptedUploads(db, { heartbeatBefore, validation_json: report, now });
 */
export async function failInterruptedUploads(
  db: StoreDb,
  options: { readonly heartbeatBefore: Date; readonly validation_json: string; readonly now: Date },
): Promise<number> {
  const invalid: ArtifactStatus = 'invalid';
  const result = await db
    .updateTable('upload_artifacts')
    .set({
      status: invalid,
      validation_json: options.validation_json,
      updated_at: options.now.toISOString(),
    })
    .where('status', 'in', receivingArtifactStatuses)
    .where('updated_at', '<=', options.heartbeatBefore.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
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
