import { contract } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { mountRoute } from '../mount-route';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** Owner-agent tokens: created, listed and revoked by the owner only. */
export function agentTokenRoutes(context: RestContext): FastifyPluginAsync {
  const { services } = context;
  return async (app) => {
    mountRoute(app, contract.createAgentToken, async (request) =>
      services.createAgentToken(
        ownerOf(request).ownerId,
        request.body.name,
        request.body.expires_in_days === undefined
          ? {}
          : { expiresInDays: request.body.expires_in_days },
      ),
    );

    mountRoute(app, contract.listAgentTokens, async (request) => ({
      agent_tokens: await services.listAgentTokens(ownerOf(request).ownerId),
    }));

    mountRoute(app, contract.revokeAgentToken, async (request) => ({
      agent_token: await services.revokeAgentToken(ownerOf(request).ownerId, request.params.id),
    }));
  };
}
