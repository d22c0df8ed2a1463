import {
  type DeploymentReadiness,
  deploymentBlockers,
  instanceBlockers,
  type ReadinessBlocker,
} from '@conn/setup-engine';
import type { ServiceDeps } from '../service-deps';
import { loadPlanningContext } from '../shared/load-planning-context';

/**
 * The instance's readiness: its own blockers and every connector's deployment
 * blockers, each named once (by code and fix path), and the key provider in use.
 *
 * @example
 * const { ready, blockers } = await services.deploymentReadiness();
 */
export async function deploymentReadiness(deps: ServiceDeps): Promise<DeploymentReadiness> {
  const planning = await loadPlanningContext(deps.store, deps.registry, deps.deployment);
  const seen = new Set<string>();
  const blockers: ReadinessBlocker[] = [];
  const all = [
    ...instanceBlockers(planning),
    ...deps.registry.manifests().flatMap((manifest) => deploymentBlockers(manifest, planning)),
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
}
