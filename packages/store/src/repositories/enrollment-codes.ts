import { preparedInsert } from '../prepared-query';
import type { NewEnrollmentCode } from '../schema';
import type { StoreDb } from './store-db';

const insertEnrollmentCodeRows = preparedInsert('enrollment_codes');

/**
 * Inserts a new enrollment code (its hash only).
 *
 * @example
 * await insertEnrollmentCode(trx, { id: newId('enr'), connection_id, code_hash, expires_at, … });
 */
export async function insertEnrollmentCode(db: StoreDb, row: NewEnrollmentCode): Promise<void> {
  await insertEnrollmentCodeRows(db, [row]);
}

/** The query behind {@link spendEnrollmentCode}, for plan checks. */
export function spendEnrollmentCodeQuery(db: StoreDb, codeHash: string, now: Date) {
  const stamp = now.toISOString();
  return db
    .updateTable('enrollment_codes')
    .set({ used_at: stamp })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('retired_at', 'is', null)
    .where('expires_at', '>', stamp)
    .returning(['id', 'connection_id', 'intent_id']);
}

/**
 * Spends the code with this hash, exactly once: only an unused, unretired,
 * unexpired code is marked used. Resolves it, or `undefined` when no such code
 * exists (unknown, used, retired or expired — deliberately not told apart).
 *
 * @example
 * const spent = await spendEnrollmentCode(trx, hashToken(normalized), now);
 */
export async function spendEnrollmentCode(
  db: StoreDb,
  codeHash: string,
  now: Date,
): Promise<{ id: string; connection_id: string; intent_id: string | null } | undefined> {
  return spendEnrollmentCodeQuery(db, codeHash, now).executeTakeFirst();
}

/**
 * Retires a connection's codes that are still unused, so none can be spent any more.
 *
 * @example
 * await retireOpenEnrollmentCodes(trx, connection.id, now);
 */
export async function retireOpenEnrollmentCodes(
  db: StoreDb,
  connectionId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('enrollment_codes')
    .set({ retired_at: now.toISOString() })
    .where('connection_id', '=', connectionId)
    .where('used_at', 'is', null)
    .where('retired_at', 'is', null)
    .execute();
}

/** The query behind {@link retireExpiredEnrollmentCodes}, for plan checks. */
export function retireExpiredEnrollmentCodesQuery(db: StoreDb, now: Date) {
  const stamp = now.toISOString();
  return db
    .updateTable('enrollment_codes')
    .set({ retired_at: stamp })
    .where('used_at', 'is', null)
    .where('retired_at', 'is', null)
    .where('expires_at', '<=', stamp);
}

/**
 * Retires every unused code whose lifetime ended by `now`. Resolves how many.
 *
 * @example
 * const retired = await retireExpiredEnrollmentCodes(db, now);
 */
export async function retireExpiredEnrollmentCodes(db: StoreDb, now: Date): Promise<number> {
  const result = await retireExpiredEnrollmentCodesQuery(db, now).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
