import type { ArtifactStatus } from '@conn/setup-engine';
import { receivingArtifactStatuses } from '@conn/setup-engine';
import type { NewUploadArtifact, UploadArtifactRow } from '../schema';
import type { StoreDb } from './store-db';

const staged: ArtifactStatus = 'staged';
const imported: ArtifactStatus = 'imported';

// Upload and read: the owner's side of an artifact's life.

/**
 * Inserts a new artifact row as its upload starts.
 *
 * @example
 * await insertArtifact(db, { id, owner_id, connector, file_name, status: 'uploaded', … });
 */
export async function insertArtifact(db: StoreDb, row: NewUploadArtifact): Promise<void> {
  await db.insertInto('upload_artifacts').values(row).execute();
}

/**
 * An artifact the caller knows exists (it just wrote it); throws kysely's `NoResultError` otherwise.
 *
 * @example
 * return getArtifactRow(trx, id);
 */
export async function getArtifactRow(db: StoreDb, artifactId: string): Promise<UploadArtifactRow> {
  return db
    .selectFrom('upload_artifacts')
    .selectAll()
    .where('id', '=', artifactId)
    .executeTakeFirstOrThrow();
}

/**
 * One of the owner's artifacts; `undefined` when it does not exist or is another owner's.
 *
 * @example
 * const artifact = await findOwnedArtifact(db, ownerId, artifactId);
 */
export async function findOwnedArtifact(
  db: StoreDb,
  ownerId: string,
  artifactId: string,
): Promise<UploadArtifactRow | undefined> {
  return db
    .selectFrom('upload_artifacts')
    .selectAll()
    .where('id', '=', artifactId)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
}

/**
 * The owner's artifacts among `artifactIds`; others' and unknown ids are left out.
 *
 * @example
 * const rows = await listOwnedArtifacts(trx, ownerId, ids);
 */
export async function listOwnedArtifacts(
  db: StoreDb,
  ownerId: string,
  artifactIds: readonly string[],
): Promise<UploadArtifactRow[]> {
  if (artifactIds.length === 0) return [];
  return db
    .selectFrom('upload_artifacts')
    .selectAll()
    .where('id', 'in', [...artifactIds])
    .where('owner_id', '=', ownerId)
    .execute();
}

/**
 * Records that an upload's bytes all arrived: it moves on to `validating` with its size and hash.
 *
 * @example
 * await markArtifactReceived(db, id, { size_bytes: 1024, sha256, now });
 */
export async function markArtifactReceived(
  db: StoreDb,
  artifactId: string,
  received: { readonly size_bytes: number; readonly sha256: string; readonly now: Date },
): Promise<void> {
  const validating: ArtifactStatus = 'validating';
  await db
    .updateTable('upload_artifacts')
    .set({
      status: validating,
      size_bytes: received.size_bytes,
      sha256: received.sha256,
      updated_at: received.now.toISOString(),
    })
    .where('id', '=', artifactId)
    // An upload whose lease lapsed was settled `interrupted` by another process: it stays so.
    .where('status', 'in', receivingArtifactStatuses)
    .execute();
}

/**
 * Records the validator's verdict on an artifact: its status, report and lifetime.
 *
 * @example
 * await recordArtifactVerdict(trx, id, { status: 'staged', validation_json, expires_at, now });
 */
export async function recordArtifactVerdict(
  db: StoreDb,
  artifactId: string,
  verdict: {
    readonly status: ArtifactStatus;
    readonly validation_json: string;
    readonly expires_at: string;
    readonly now: Date;
  },
): Promise<void> {
  await db
    .updateTable('upload_artifacts')
    .set({
      status: verdict.status,
      validation_json: verdict.validation_json,
      expires_at: verdict.expires_at,
      updated_at: verdict.now.toISOString(),
    })
    .where('id', '=', artifactId)
    .where('status', 'in', receivingArtifactStatuses)
    .execute();
}

/**
 * Deletes an artifact row (an upload that failed before it was kept).
 *
 * @example
 * await deleteArtifact(db, row.id);
 */
export async function deleteArtifact(db: StoreDb, artifactId: string): Promise<void> {
  await db.deleteFrom('upload_artifacts').where('id', '=', artifactId).execute();
}

/**
 * Deletes these uploads of one connection (an undone import's files).
 * Resolves the ids it deleted: their folders can go once the transaction commits.
 *
 * @example
 * const gone = await deleteConnectionArtifacts(trx, connection.id, payload.artifact_ids);
 */
export async function deleteConnectionArtifacts(
  db: StoreDb,
  connectionId: string,
  artifactIds: readonly string[],
): Promise<string[]> {
  if (artifactIds.length === 0) return [];
  const rows = await db
    .deleteFrom('upload_artifacts')
    .where('connection_id', '=', connectionId)
    .where('id', 'in', artifactIds)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * The upload's lease renewal: an artifact still being received or checked is
 * held by its process until `leaseExpiresAt`. Resolves false when the upload
 * is no longer receiving (its lease lapsed and it was interrupted).
 *
 * @example
 * setInterval(() => renewArtifactLease(db, id, new Date(Date.now() + 10_000)), 3_000);
 */
export async function renewArtifactLease(
  db: StoreDb,
  artifactId: string,
  leaseExpiresAt: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('upload_artifacts')
    .set({ lease_expires_at: leaseExpiresAt.toISOString() })
    .where('id', '=', artifactId)
    .where('status', 'in', receivingArtifactStatuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The owner's artifacts, newest first, up to `limit`.
 *
 * @example
 * const recent = await listRecentArtifacts(db, ownerId, 50);
 */
export async function listRecentArtifacts(
  db: StoreDb,
  ownerId: string,
  limit: number,
): Promise<UploadArtifactRow[]> {
  return db
    .selectFrom('upload_artifacts')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The first copy an upload duplicates. */
export interface ArtifactOriginal {
  id: string;
  status: string;
  file_name: string;
  validation_json: string | null;
}

/** The query behind {@link findArtifactOriginal}, for plan checks. */
export function artifactOriginalQuery(
  db: StoreDb,
  upload: Pick<UploadArtifactRow, 'id' | 'owner_id' | 'connector' | 'sha256'>,
  now: Date,
) {
  return db
    .selectFrom('upload_artifacts')
    .select(['id', 'status', 'file_name', 'validation_json'])
    .where('owner_id', '=', upload.owner_id)
    .where('sha256', '=', upload.sha256)
    .where('connector', '=', upload.connector)
    .where('id', '!=', upload.id)
    .where((eb) =>
      eb.or([
        eb('status', '=', imported),
        // A staged copy counts while it can still be imported: unexpired, or claimed by an import.
        eb.and([
          eb('status', '=', staged),
          eb.or([eb('expires_at', '>', now.toISOString()), eb('connection_id', 'is not', null)]),
        ]),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(1);
}

/**
 * The owner's earliest other artifact of this connector with the same bytes
 * that still counts — imported, or staged and unexpired at `now` or claimed
 * by an import — or `undefined`.
 *
 * @example
 * const original = await findArtifactOriginal(trx, upload, now);
 * if (original !== undefined) markDuplicate(original);
 */
export async function findArtifactOriginal(
  db: StoreDb,
  upload: Pick<UploadArtifactRow, 'id' | 'owner_id' | 'connector' | 'sha256'>,
  now: Date,
): Promise<ArtifactOriginal | undefined> {
  return artifactOriginalQuery(db, upload, now).executeTakeFirst();
}

/**
 * Expires the owner's unclaimed staged copies of these bytes whose lifetime
 * ended by `now` (the sweeper would expire them next), so they stop holding
 * the one staged slot per file that `upload_artifacts_staged_key` keeps.
 *
 * @example
 * await expireLapsedCopies(trx, upload, decided);
 */
export async function expireLapsedCopies(
  db: StoreDb,
  upload: Pick<UploadArtifactRow, 'id' | 'owner_id' | 'connector' | 'sha256'>,
  now: Date,
): Promise<void> {
  const expired: ArtifactStatus = 'expired';
  const stamp = now.toISOString();
  await db
    .updateTable('upload_artifacts')
    .set({ status: expired, updated_at: stamp })
    .where('owner_id', '=', upload.owner_id)
    .where('sha256', '=', upload.sha256)
    .where('connector', '=', upload.connector)
    .where('id', '!=', upload.id)
    .where('status', '=', staged)
    .where('connection_id', 'is', null)
    .where('expires_at', '<=', stamp)
    .execute();
}
