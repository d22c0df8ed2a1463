import { type AgentToken, ConnError } from '@conn/setup-engine';
import { findOwnedAgentToken, revokeOwnedAgentToken } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/**
 * Revokes one of the owner's agent tokens; it fails on its very next use.
 * Revoking twice keeps the first time; another owner's id is `agent_token_not_found`.
 *
 * @example
 * const revoked = await services.revokeAgentToken(ownerId, 'agt_…');
 */
export async function revokeAgentToken(
  deps: ServiceDeps,
  ownerId: string,
  tokenId: string,
): Promise<AgentToken> {
  const { db } = deps.store;
  await revokeOwnedAgentToken(db, ownerId, tokenId, deps.clock());
  const token = await findOwnedAgentToken(db, ownerId, tokenId);
  if (token === undefined)
    throw new ConnError('agent_token_not_found', 'There is no such agent token for this owner.');
  return token;
}
