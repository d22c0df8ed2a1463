import type { StoreDb } from './store-db';

/**
 * Records that a connection holds a stored blob, and which of its runs first
 * stored it; a blob the connection already holds keeps its first run.
 *
 * @example
 * await holdBlob(db, { connectionId, sha256, runId: run.id, now });
 */
export async function holdBlob(
  db: StoreDb,
  hold: {
    readonly connectionId: string;
    readonly sha256: string;
    readonly runId: string | null;
    readonly now: Date;
  },
): Promise<void> {
  await db
    .insertInto('connection_blobs')
    .values({
      connection_id: hold.connectionId,
      sha256: hold.sha256,
      run_id: hold.runId,
      created_at: hold.now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['connection_id', 'sha256']).doNothing())
    .execute();
}

/**
 * Lets go of a connection's blobs (all of them, or those `runId` first
 * stored) and deletes the `blobs` rows no connection holds any more.
 * Resolves the storage paths of those deleted blobs: their files can go once
 * the transaction commits.
 *
 * @example
 * const freed = await releaseBlobs(trx, connection.id, { runId: run.id });
 */
export async function releaseBlobs(
  db: StoreDb,
  connectionId: string,
  which: { readonly runId?: string } = {},
): Promise<string[]> {
  const released = await db
    .deleteFrom('connection_blobs')
    .where('connection_id', '=', connectionId)
    .$if(which.runId !== undefined, (qb) => qb.where('run_id', '=', which.runId ?? ''))
    .returning('sha256')
    .execute();
  if (released.length === 0) return [];
  const freed = await db
    .deleteFrom('blobs')
    .where(
      'sha256',
      'in',
      released.map((row) => row.sha256),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('connection_blobs')
            .select('connection_blobs.sha256')
            .whereRef('connection_blobs.sha256', '=', 'blobs.sha256'),
        ),
      ),
    )
    .returning('storage_path')
    .execute();
  return freed.map((row) => row.storage_path);
}
