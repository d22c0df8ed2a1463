import { findFirstOwner, insertOwner, newId } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { generateOwnerPassword, hashOwnerPassword } from './owner-password';

/** The owner `ensureOwner` found or created; a generated password is returned exactly once. */
export interface EnsuredOwner {
  ownerId: string;
  generatedPassword: string | null;
}

/**
 * Makes sure the single owner of this server exists. On first boot it creates
 * the owner with `password` (the operator's first-boot setting) or a
 * generated one-time password, which is returned exactly once so the server
 * can print it. Once the owner exists `password` is ignored: a password the
 * owner changed in the console survives every restart (a lost one is reset
 * with `conn-server reset-password`).
 *
 * @example
 * const { generatedPassword } = await services.ensureOwner(config.ownerPassword);
 */
export async function ensureOwner(
  deps: ServiceDeps,
  password: string | null,
): Promise<EnsuredOwner> {
  const { db } = deps.store;
  const existing = await findFirstOwner(db);
  if (existing !== undefined) return { ownerId: existing.id, generatedPassword: null };
  const generatedPassword = password === null ? generateOwnerPassword() : null;
  const ownerId = newId('own');
  await insertOwner(db, {
    id: ownerId,
    password_hash: await hashOwnerPassword(password ?? generatedPassword ?? ''),
    created_at: deps.clock().toISOString(),
  });
  return { ownerId, generatedPassword };
}
