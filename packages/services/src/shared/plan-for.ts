import { planSetup, type SetupPlan } from '@conn/setup-engine';
import type { ServiceDeps } from '../service-deps';
import { loadPlanningContext } from './load-planning-context';

/**
 * The plan for one connector in this deployment, right now. Plans are the
 * same for every owner (readiness and proofs are instance-wide); the owner is
 * taken so every surface calls services the same way.
 *
 * @example
 * const plan = await services.planFor(ownerId, 'github');
 */
export async function planFor(
  deps: ServiceDeps,
  _ownerId: string,
  key: string,
): Promise<SetupPlan> {
  const { manifest } = deps.registry.require(key);
  return planSetup(manifest, await loadPlanningContext(deps.store, deps.registry, deps.deployment));
}
