import {
  contract,
  deploymentBlockers,
  instanceBlockers,
  planCatalog,
  type ReadinessBlocker,
} from '@conn/setup-engine';
import type { FastifyPluginAsync } from 'fastify';
import { mountRoute } from '../mount-route';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

/** Catalog, plans and deployment readiness: owner sessions and owner agents. */
export function catalogRoutes(context: RestContext): FastifyPluginAsync {
  const { services } = context;
  const { registry } = services.deps;
  return async (app) => {
    mountRoute(app, contract.listConnectors, async (request) => {
      const owner = ownerOf(request);
      const [planning, holdings] = await Promise.all([
        services.loadPlanningContext(),
        services.summarizeConnections(owner.ownerId),
      ]);
      const plans = planCatalog(registry.manifests(), planning);
      return {
        connectors: plans.map((plan) => ({
          plan,
          holdings: holdings.get(plan.connector.key) ?? {
            connections: {},
            pending: 0,
            records: 0,
          },
        })),
      };
    });

    mountRoute(app, contract.getSetupPlan, async (request) =>
      services.planFor(ownerOf(request).ownerId, request.params.key),
    );

    mountRoute(app, contract.getDeploymentReadiness, async () => {
      const planning = await services.loadPlanningContext();
      const seen = new Set<string>();
      const blockers: ReadinessBlocker[] = [];
      const all = [
        ...instanceBlockers(planning),
        ...registry.manifests().flatMap((m) => deploymentBlockers(m, planning)),
      ];
      for (const blocker of all) {
        const id = `${blocker.code}:${blocker.fix?.path ?? ''}`;
        if (!seen.has(id)) {
          seen.add(id);
          blockers.push(blocker);
        }
      }
      return {
        ready: blockers.length === 0,
        credential_key_provider: planning.deployment.credential_key_provider,
        blockers,
      };
    });
  };
}
