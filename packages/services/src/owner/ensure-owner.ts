import { findFirstOwner, insertOwner, newId, setOwnerPasswordHash } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { generateOwnerPassword, hashOwnerPassword, verifyOwnerPassword } from './owner-password';

/** The owner `ensureOwner` found or created; a generated password is returned exactly once. */
export interface EnsuredOwner {
  ownerId: string;
  generatedPassword: string | null;
}

/**
 * Makes sure the single owner of this server exists. On first boot it creates
 * the owner with `password` (the operator's CONN_OWNER_PASSWORD) or a generated
 * one-time password, which is returned exactly once so the server can print it.
 * An operator-given password also resets an existing owner's password.
 *
 * @example
 * const { generatedPassword } = await services.ensureOwner(process.env.CONN_OWNER_PASSWORD ?? null);
 */
export async function ensureOwner(
  deps: ServiceDeps,
  password: string | null,
): Promise<EnsuredOwner> {
  const { db } = deps.store;
  const existing = await findFirstOwner(db);
  if (existing !== undefined) {
    if (password !== null && !(await verifyOwnerPassword(password, existing.password_hash))) {
      await setOwnerPasswordHash(db, existing.id, await hashOwnerPassword(password));
    }
    return { ownerId: existing.id, generatedPassword: null };
  }
  const generatedPassword = password === null ? generateOwnerPassword() : null;
  const ownerId = newId('own');
  await insertOwner(db, {
    id: ownerId,
    password_hash: await hashOwnerPassword(password ?? generatedPassword ?? ''),
    created_at: deps.clock().toISOString(),
  });
  return { ownerId, generatedPassword };
}
