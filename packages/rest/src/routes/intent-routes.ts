import { contract } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../auth/principal';
import { mountRoute } from '../mount-route';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** Setup intents: what an owner agent starts and polls. Never carries a secret. */
export function intentRoutes(context: RestContext): FastifyPluginAsync {
  const { services } = context;
  return async (app) => {
    mountRoute(app, contract.createIntent, async (request) => {
      const owner = ownerOf(request);
      const key = request.headers['idempotency-key'] ?? null;
      return services.createIntent(owner.ownerId, actorOf(owner), request.body, key);
    });

    mountRoute(app, contract.getIntent, async (request) =>
      services.getIntent(ownerOf(request).ownerId, request.params.id),
    );
  };
}
