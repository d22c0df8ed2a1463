import type { StoreDb } from './store-db';

/**
 * Where each stream of a connection resumes its next incremental sync.
 *
 * @example
 * const cursors = await readSyncCursors(db, connection.id); // { repositories: '"W/abc"' }
 */
export async function readSyncCursors(
  db: StoreDb,
  connectionId: string,
): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('sync_cursors')
    .select(['stream', 'cursor'])
    .where('connection_id', '=', connectionId)
    .execute();
  return Object.fromEntries(rows.map((row) => [row.stream, row.cursor]));
}

/**
 * Stores the cursors a successful run ended with, in its transaction.
 *
 * @example
 * await writeSyncCursors(trx, connection.id, { repositories: etag }, now);
 */
export async function writeSyncCursors(
  db: StoreDb,
  connectionId: string,
  cursors: Readonly<Record<string, string>>,
  now: string,
): Promise<void> {
  for (const [stream, cursor] of Object.entries(cursors)) {
    await db
      .insertInto('sync_cursors')
      .values({ connection_id: connectionId, stream, cursor, updated_at: now })
      .onConflict((oc) =>
        oc.columns(['connection_id', 'stream']).doUpdateSet({ cursor, updated_at: now }),
      )
      .execute();
  }
}
