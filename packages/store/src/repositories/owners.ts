import { sql } from 'kysely';
import type { NewOwner } from '../schema';
import type { StoreDialect } from '../store';
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
 * Inserts `row` as the server's owner unless one exists, inside the caller's
 * transaction, and returns the owner's id. Two servers booting at once on an
 * empty database take turns on an advisory lock (PostgreSQL; SQLite's writer
 * is serialized already), so exactly one owner is created.
 *
 * @example
 * const { id, inserted } = await insertFirstOwner(trx, store.dialect, row);
 */
export async function insertFirstOwner(
  db: StoreDb,
  dialect: StoreDialect,
  row: NewOwner,
): Promise<{ id: string; inserted: boolean }> {
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext('conn.first-owner'))`.execute(db);
  }
  const existing = await findFirstOwner(db);
  if (existing !== undefined) return { id: existing.id, inserted: false };
  await insertOwner(db, row);
  return { id: row.id, inserted: true };
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
