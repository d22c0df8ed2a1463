import { contract } from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { mountRoute } from '../mount-route';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** Catalog, plans and deployment readiness: owner sessions and owner agents. */
export function catalogRoutes(context: RestContext): FastifyPluginAsync {
  const { services } = context;
  return async (app) => {
    mountRoute(app, contract.listConnectors, async (request) =>
      services.catalog(ownerOf(request).ownerId),
    );

    mountRoute(app, contract.getSetupPlan, async (request) =>
      services.planFor(ownerOf(request).ownerId, request.params.key),
    );

    mountRoute(app, contract.getDeploymentReadiness, async () => services.deploymentReadiness());
  };
}
