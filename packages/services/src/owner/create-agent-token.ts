import type { AgentToken, CreatedAgentToken } from '@conn/setup-engine';
import { hashToken, insertAgentToken, newId, newToken, tokenPrefixes } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/**
 * Creates an owner-agent token; the plaintext is returned this once, only its
 * hash is stored.
 *
 * @example
 * const { token, agent_token } = await services.createAgentToken(ownerId, 'assistant');
 */
export async function createAgentToken(
  deps: ServiceDeps,
  ownerId: string,
  name: string,
): Promise<CreatedAgentToken> {
  const token = newToken(tokenPrefixes.agent);
  const view: AgentToken = {
    id: newId('agt'),
    name,
    created_at: deps.clock().toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await insertAgentToken(deps.store.db, {
    ...view,
    owner_id: ownerId,
    token_hash: hashToken(token),
  });
  return { token: token.reveal(), agent_token: view };
}
