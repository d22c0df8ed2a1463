import {
  AgentTokenListSchema,
  CreatedAgentTokenSchema,
  RevokedAgentTokenSchema,
} from '@conn/setup-engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createAgentToken, listAgentTokens, revokeAgentToken } from '../auth/agent-tokens';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** Owner-agent tokens: created, listed and revoked by the owner only. */
export function agentTokenRoutes(context: RestContext): FastifyPluginAsyncZod {
  return async (app) => {
    const auth = { auth: ['owner'] as const };
    app.post(
      '/v1/owner/agent-tokens',
      {
        config: auth,
        schema: {
          body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
          response: { 201: CreatedAgentTokenSchema },
        },
      },
      async (request, reply) => {
        const owner = ownerOf(request);
        const { token, view } = await createAgentToken(
          context.store,
          owner.ownerId,
          request.body.name,
          context.clock(),
        );
        return reply.status(201).send({ token, agent_token: view });
      },
    );
    app.get(
      '/v1/owner/agent-tokens',
      {
        config: auth,
        schema: { response: { 200: AgentTokenListSchema } },
      },
      async (request) => ({
        agent_tokens: await listAgentTokens(context.store, ownerOf(request).ownerId),
      }),
    );
    app.delete(
      '/v1/owner/agent-tokens/:id',
      {
        config: auth,
        schema: {
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          response: { 200: RevokedAgentTokenSchema },
        },
      },
      async (request) => ({
        agent_token: await revokeAgentToken(
          context.store,
          ownerOf(request).ownerId,
          request.params.id,
          context.clock(),
        ),
      }),
    );
  };
}
