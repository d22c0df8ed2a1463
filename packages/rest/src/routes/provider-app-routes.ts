import { contract } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../auth/principal';
import { mountRoute } from '../mount-route';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/**
 * Instance-level provider OAuth apps, owner session only (the operator's
 * console): store one (its client secret sealed, never returned) and list
 * them with non-secret metadata.
 */
export function providerAppRoutes(context: RestContext): FastifyPluginAsync {
  const { services } = context;
  return async (app) => {
    mountRoute(app, contract.putProviderApp, async (request) => {
      const owner = ownerOf(request);
      return services.saveProviderApp(
        owner.ownerId,
        request.params.group,
        request.body,
        actorOf(owner),
      );
    });

    mountRoute(app, contract.listProviderApps, async () => services.listProviderApps());
  };
}
