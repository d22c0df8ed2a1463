import { contract } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { createAgentToken, listAgentTokens, revokeAgentToken } from '../auth/agent-tokens';
import { mountRoute } from '../mount-route';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** Owner-agent tokens: created, listed and revoked by the owner only. */
export function agentTokenRoutes(context: RestContext): FastifyPluginAsync {
  return async (app) => {
    mountRoute(app, contract.createAgentToken, async (request) => {
      const owner = ownerOf(request);
      const { token, view } = await createAgentToken(
        context.store,
        owner.ownerId,
        request.body.name,
        context.clock(),
      );
      return { token, agent_token: view };
    });

    mountRoute(app, contract.listAgentTokens, async (request) => ({
      agent_tokens: await listAgentTokens(context.store, ownerOf(request).ownerId),
    }));

    mountRoute(app, contract.revokeAgentToken, async (request) => ({
      agent_token: await revokeAgentToken(
        context.store,
        ownerOf(request).ownerId,
        request.params.id,
        context.clock(),
      ),
    }));
  };
}
