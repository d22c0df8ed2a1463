import {
  CatalogSchema,
  DeploymentReadinessSchema,
  deploymentBlockers,
  instanceBlockers,
  planCatalog,
  type ReadinessBlocker,
  SetupPlanSchema,
} from '@conn/setup-engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ownerOf } from '../request-principal';
import type { RestContext } from '../rest-context';

const KeyParams = z.strictObject({ key: z.string().min(1).max(64) });

/** Catalog, plans and deployment readiness: owner sessions and owner agents. */
export function catalogRoutes(context: RestContext): FastifyPluginAsyncZod {
  const { services } = context;
  const { registry } = services.deps;
  return async (app) => {
    const auth = { auth: ['owner', 'agent'] as const };

    app.get(
      '/v1/owner/connectors',
      { config: auth, schema: { response: { 200: CatalogSchema } } },
      async (request) => {
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
      },
    );

    app.get(
      '/v1/owner/connectors/:key/setup-plan',
      { config: auth, schema: { params: KeyParams, response: { 200: SetupPlanSchema } } },
      async (request) => services.planFor(ownerOf(request).ownerId, request.params.key),
    );

    app.get(
      '/v1/owner/deployment/readiness',
      { config: auth, schema: { response: { 200: DeploymentReadinessSchema } } },
      async () => {
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
      },
    );
  };
}
