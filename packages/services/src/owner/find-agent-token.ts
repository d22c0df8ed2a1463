import { findAgentTokenByHash, hashToken, touchAgentToken } from '@conn/store';
import { lastUsedResolutionMs } from '../collectors/authenticate-collector';
import type { ServiceDeps } from '../service-deps';

/** A live owner-agent token as authentication reads it. */
export interface AgentTokenGrant {
  id: string;
  owner_id: string;
}

/**
 * Resolves an agent bearer token to its live token, or null when it is
 * unknown, revoked or past its expiry, and records its use (to the minute), so the owner's
 * token list shows when each agent last called.
 *
 * @example
 * const grant = await services.findAgentToken(bearer);
 */
export async function findAgentToken(
  deps: ServiceDeps,
  token: string,
): Promise<AgentTokenGrant | null> {
  const row = await findAgentTokenByHash(deps.store.db, hashToken(token));
  if (row === undefined || row.revoked_at !== null) return null;
  const now = deps.clock();
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return null;
  if (
    row.last_used_at === null ||
    now.getTime() - Date.parse(row.last_used_at) > lastUsedResolutionMs
  ) {
    await touchAgentToken(deps.store.db, row.id, now);
  }
  return { id: row.id, owner_id: row.owner_id };
}
