import { type CatalogEntry, planCatalog } from '@conn/setup-engine';
import { summarizeConnections } from '../connections/summarize-connections';
import type { ServiceDeps } from '../service-deps';
import { loadPlanningContext } from '../shared/load-planning-context';

/**
 * The body of `GET /v1/owner/connectors`: every connector's plan for this
 * deployment beside what the owner already holds of it.
 *
 * @example
 * const { connectors } = await services.catalog(ownerId);
 */
export async function ownerCatalog(
  deps: ServiceDeps,
  ownerId: string,
): Promise<{ connectors: CatalogEntry[] }> {
  const [planning, holdings] = await Promise.all([
    loadPlanningContext(deps.store, deps.registry, deps.deployment),
    summarizeConnections(deps, ownerId),
  ]);
  const plans = planCatalog(deps.registry.manifests(), planning);
  return {
    connectors: plans.map((plan) => ({
      plan,
      holdings: holdings.get(plan.connector.key) ?? { connections: {}, pending: 0, records: 0 },
    })),
  };
}
