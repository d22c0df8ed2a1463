import { ConnError } from '@conn/setup-engine';
import { findFirstOwner } from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { verifyOwnerPassword } from './owner-password';

/**
 * Checks the owner password and returns the owner's id; throws
 * `invalid_credentials` without saying more.
 *
 * @example
 * const ownerId = await authenticateOwner(deps, password);
 */
export async function authenticateOwner(deps: ServiceDeps, password: string): Promise<string> {
  const owner = await findFirstOwner(deps.store.db);
  if (owner === undefined || !(await verifyOwnerPassword(password, owner.password_hash))) {
    throw new ConnError('invalid_credentials', 'That password is not right.');
  }
  return owner.id;
}
