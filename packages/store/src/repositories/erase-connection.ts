import { releaseBlobs } from './connection-blobs';
import type { StoreDb } from './store-db';

/** What an erased connection left on disk: paths relative to the data directory. */
export interface ErasedConnection {
  /** Its uploads' ids: each has a folder `artifacts/<id>`. */
  readonly artifactIds: readonly string[];
  /** Blob files no other connection holds. */
  readonly blobPaths: readonly string[];
  readonly recordsDeleted: number;
  readonly runsDeleted: number;
}

/**
 * Deletes a connection and every row that holds something of it, in the
 * caller's transaction: records and their counts, its blobs' links (and the
 * blobs nobody else holds), uploads, the sealed credential, collector tokens,
 * enrollment codes, authorization sessions, intents, sync cursors and health,
 * refresh cooldowns, runs, then the connection itself. What stays: the
 * lifecycle events, the audit trail and the deployment's proof of the path
 * (ids, codes and counts only: what happened, not what was collected).
 * Resolves what the caller removes from the data directory after commit.
 *
 * @example
 * const erased = await eraseConnection(trx, connection.id);
 */
export async function eraseConnection(
  db: StoreDb,
  connectionId: string,
): Promise<ErasedConnection> {
  const records = await db
    .deleteFrom('records')
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  await db.deleteFrom('record_counts').where('connection_id', '=', connectionId).execute();
  const blobPaths = await releaseBlobs(db, connectionId);
  const artifacts = await db
    .deleteFrom('upload_artifacts')
    .where('connection_id', '=', connectionId)
    .returning('id')
    .execute();
  await db.deleteFrom('credentials').where('connection_id', '=', connectionId).execute();
  await db.deleteFrom('collector_tokens').where('connection_id', '=', connectionId).execute();
  const intentIds = db
    .selectFrom('intents')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('connection_id', '=', connectionId),
        eb('reconnect_connection_id', '=', connectionId),
      ]),
    );
  await db
    .deleteFrom('enrollment_codes')
    .where((eb) =>
      eb.or([eb('connection_id', '=', connectionId), eb('intent_id', 'in', intentIds)]),
    )
    .execute();
  await db.deleteFrom('authorization_sessions').where('connection_id', '=', connectionId).execute();
  await db
    .deleteFrom('intents')
    .where((eb) =>
      eb.or([
        eb('connection_id', '=', connectionId),
        eb('reconnect_connection_id', '=', connectionId),
      ]),
    )
    .execute();
  await db.deleteFrom('sync_cursors').where('connection_id', '=', connectionId).execute();
  await db.deleteFrom('sync_health').where('connection_id', '=', connectionId).execute();
  await db.deleteFrom('refresh_cooldowns').where('connection_id', '=', connectionId).execute();
  const runs = await db
    .deleteFrom('runs')
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  await db.deleteFrom('connections').where('id', '=', connectionId).execute();
  return {
    artifactIds: artifacts.map((row) => row.id),
    blobPaths,
    recordsDeleted: Number(records.numDeletedRows),
    runsDeleted: Number(runs.numDeletedRows),
  };
}
