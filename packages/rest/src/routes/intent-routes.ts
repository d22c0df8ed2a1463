import { IntentRequestSchema, IntentSchema } from '@conn/setup-engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().trim().min(1).max(200).optional(),
});

/** Setup intents: what an owner agent starts and polls. Never carries a secret. */
export function intentRoutes(context: RestContext): FastifyPluginAsyncZod {
  const { services } = context;
  return async (app) => {
    const auth = { auth: ['owner', 'agent'] as const };

    app.post(
      '/v1/owner/connections/intents',
      {
        config: auth,
        schema: {
          headers: IdempotencyHeaders,
          body: IntentRequestSchema,
          response: { 200: IntentSchema, 201: IntentSchema },
        },
      },
      async (request, reply) => {
        const owner = ownerOf(request);
        const key = request.headers['idempotency-key'] ?? null;
        const intent = await services.createIntent(
          owner.ownerId,
          actorOf(owner),
          request.body,
          key,
        );
        return reply.status(201).send(intent);
      },
    );

    app.get(
      '/v1/owner/connections/intents/:id',
      {
        config: auth,
        schema: {
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          response: { 200: IntentSchema },
        },
      },
      async (request) => services.getIntent(ownerOf(request).ownerId, request.params.id),
    );
  };
}
