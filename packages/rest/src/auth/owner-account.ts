import { ConnError } from '@conn/setup-engine';
import { newId, type Store } from '@conn/store';
import { generateOwnerPassword, hashOwnerPassword, verifyOwnerPassword } from './owner-password';

/**
 * Makes sure the single owner of this server exists. On first boot it creates
 * the owner with `password` (the operator's CONN_OWNER_PASSWORD) or a generated
 * one-time password, which is returned exactly once so the server can print it.
 * An operator-given password also resets an existing owner's password.
 */
export async function ensureOwner(
  store: Store,
  options: { password: string | null; now: Date },
): Promise<{ ownerId: string; generatedPassword: string | null }> {
  const existing = await store.db
    .selectFrom('owners')
    .select(['id', 'password_hash'])
    .orderBy('created_at')
    .executeTakeFirst();
  if (existing !== undefined) {
    if (
      options.password !== null &&
      !(await verifyOwnerPassword(options.password, existing.password_hash))
    ) {
      await store.db
        .updateTable('owners')
        .set({ password_hash: await hashOwnerPassword(options.password) })
        .where('id', '=', existing.id)
        .execute();
    }
    return { ownerId: existing.id, generatedPassword: null };
  }
  const generatedPassword = options.password === null ? generateOwnerPassword() : null;
  const ownerId = newId('own');
  await store.db
    .insertInto('owners')
    .values({
      id: ownerId,
      password_hash: await hashOwnerPassword(options.password ?? generatedPassword ?? ''),
      created_at: options.now.toISOString(),
    })
    .execute();
  return { ownerId, generatedPassword };
}

/** Checks the owner password; throws `invalid_credentials` without saying more. */
export async function authenticateOwner(store: Store, password: string): Promise<string> {
  const owner = await store.db
    .selectFrom('owners')
    .select(['id', 'password_hash'])
    .orderBy('created_at')
    .executeTakeFirst();
  if (owner === undefined || !(await verifyOwnerPassword(password, owner.password_hash))) {
    throw new ConnError('invalid_credentials', 'That password is not right.');
  }
  return owner.id;
}
