import { findFirstOwner, insertFirstOwner, newId } from '@conn/store';
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
  const passwordHash = await hashOwnerPassword(password ?? generatedPassword ?? '');
  // Replicas booting together on an empty database: one creates the owner, the others find it.
  const { id, inserted } = await deps.store.transaction((trx) =>
    insertFirstOwner(trx, deps.store.dialect, {
      id: newId('own'),
      password_hash: passwordHash,
      created_at: deps.clock().toISOString(),
    }),
  );
  return { ownerId: id, generatedPassword: inserted ? generatedPassword : null };
}
