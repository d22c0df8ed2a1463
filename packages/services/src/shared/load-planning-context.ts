import type { ConnectorRegistry } from '@conn/connectors';
import { ModalitySchema, type PlanningContext, type ProofRecord } from '@conn/setup-engine';
import { listProofs, listProviderAppGroups, type Store } from '@conn/store';
import type { DeploymentSettings } from '../service-deps';

/**
 * The planner's view of this deployment: its readiness settings, the provider
 * apps and proofs recorded in the store, and the implementations the registry
 * holds. Both are read fresh each time, so saving a provider app or the first
 * real success flips a plan at once.
 *
 * @example
 * const plan = planSetup(manifest, await loadPlanningContext(store, registry, deployment));
 */
export async function loadPlanningContext(
  store: Store,
  registry: ConnectorRegistry,
  deployment: DeploymentSettings,
): Promise<PlanningContext> {
  const [rows, groups] = await Promise.all([listProofs(store.db), listProviderAppGroups(store.db)]);
  const proofs: ProofRecord[] = rows.map((row) => ({
    connector: row.connector,
    modality: ModalitySchema.parse(row.modality),
    connection_id: row.connection_id,
    run_id: row.run_id,
    record_count: Number(row.record_count),
    recorded_at: row.recorded_at,
  }));
  // Provider apps the operator saved count as configured at once, beside any the host declared.
  const providerApps = [...new Set([...deployment.provider_apps, ...groups])];
  return {
    deployment: { ...deployment, provider_apps: providerApps },
    proofs,
    implementations: registry.implementations(),
  };
}
