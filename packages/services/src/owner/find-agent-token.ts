import { findAgentTokenByHash, hashToken } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/** A live owner-agent token as authentication reads it. */
export interface AgentTokenGrant {
  id: string;
  owner_id: string;
}

/**
 * Resolves an agent bearer token to its live token, or null when it is
 * unknown or revoked. Its last use is not recorded.
 *
 * @example
 * const grant = await services.findAgentToken(bearer);
 */
export async function findAgentToken(
  deps: ServiceDeps,
  token: string,
): Promise<AgentTokenGrant | null> {
  const row = await findAgentTokenByHash(deps.store.db, hashToken(token));
  return row === undefined || row.revoked_at !== null
    ? null
    : { id: row.id, owner_id: row.owner_id };
}
