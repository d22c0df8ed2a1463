import type { NewOwner } from '../schema';
import type { StoreDb } from './store-db';

/**
 * The server's owner (the first one created, should there be more), with its
 * password hash; `undefined` before first boot created it.
 *
 * @example
 * const owner = await findFirstOwner(store.db);
 */
export async function findFirstOwner(
  db: StoreDb,
): Promise<{ id: string; password_hash: string } | undefined> {
  return db
    .selectFrom('owners')
    .select(['id', 'password_hash'])
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Inserts the owner row (its scrypt password hash only).
 *
 * @example
 * await insertOwner(store.db, { id: newId('own'), password_hash, created_at });
 */
export async function insertOwner(db: StoreDb, row: NewOwner): Promise<void> {
  await db.insertInto('owners').values(row).execute();
}

/**
 * Replaces the owner's password hash (a change in the console, or a reset from the terminal).
 *
 * @example
 * await setOwnerPasswordHash(store.db, owner.id, await hashOwnerPassword(password));
 */
export async function setOwnerPasswordHash(
  db: StoreDb,
  ownerId: string,
  passwordHash: string,
): Promise<void> {
  await db
    .updateTable('owners')
    .set({ password_hash: passwordHash })
    .where('id', '=', ownerId)
    .execute();
}
