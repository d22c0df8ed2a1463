import { findOwnerSessionByHash, hashToken } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/** A live owner session as authentication reads it. */
export interface OwnerSession {
  id: string;
  owner_id: string;
  csrf_hash: string;
}

/**
 * Resolves a session token to its live session, or null when it is unknown,
 * expired or revoked.
 *
 * @example
 * const session = await services.findOwnerSession(cookie);
 */
export async function findOwnerSession(
  deps: ServiceDeps,
  token: string,
): Promise<OwnerSession | null> {
  const row = await findOwnerSessionByHash(deps.store.db, hashToken(token));
  if (row === undefined || row.revoked_at !== null || row.expires_at <= deps.clock().toISOString())
    return null;
  return { id: row.id, owner_id: row.owner_id, csrf_hash: row.csrf_hash };
}
