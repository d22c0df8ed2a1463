import type { AgentToken, CreatedAgentToken } from '@conn/setup-engine';
import { hashToken, insertAgentToken, newId, newToken, tokenPrefixes } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

const day = 86_400_000;

/**
 * Creates an owner-agent token; the plaintext is returned this once, only its
 * hash is stored. With `expiresInDays` it stops working by itself then.
 *
 * @example
 * const { token, agent_token } = await services.createAgentToken(ownerId, 'assistant', { expiresInDays: 30 });
 */
export async function createAgentToken(
  deps: ServiceDeps,
  ownerId: string,
  name: string,
  options: { expiresInDays?: number } = {},
): Promise<CreatedAgentToken> {
  const token = newToken(tokenPrefixes.agent);
  const now = deps.clock();
  const view: AgentToken = {
    id: newId('agt'),
    name,
    created_at: now.toISOString(),
    last_used_at: null,
    revoked_at: null,
    expires_at:
      options.expiresInDays === undefined
        ? null
        : new Date(now.getTime() + options.expiresInDays * day).toISOString(),
  };
  await insertAgentToken(deps.store.db, {
    ...view,
    owner_id: ownerId,
    token_hash: hashToken(token),
  });
  return { token: token.reveal(), agent_token: view };
}
