import type { NewBlob } from '../schema';
import type { StoreDb } from './store-db';

/**
 * Records stored blob content; content already recorded (same SHA-256) keeps its row.
 *
 * @example
 * await insertBlobOnce(db, { sha256, size_bytes, media_type, storage_path, created_at });
 */
export async function insertBlobOnce(db: StoreDb, row: NewBlob): Promise<void> {
  await db
    .insertInto('blobs')
    .values(row)
    .onConflict((conflict) => conflict.column('sha256').doNothing())
    .execute();
}
