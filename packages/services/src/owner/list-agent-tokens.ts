import type { AgentToken } from '@conn/setup-engine';
import { listOwnerAgentTokens } from '@conn/store';
import type { ServiceDeps } from '../service-deps';

/**
 * The owner's agent tokens, revoked ones included, oldest first: metadata only.
 *
 * @example
 * const tokens = await services.listAgentTokens(ownerId);
 */
export async function listAgentTokens(deps: ServiceDeps, ownerId: string): Promise<AgentToken[]> {
  return listOwnerAgentTokens(deps.store.db, ownerId);
}
