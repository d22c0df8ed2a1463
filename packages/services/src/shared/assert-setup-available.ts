import { ConnError, type SetupPlan } from '@conn/setup-engine';

/**
 * Refuses to start a setup the plan says cannot run here. A missing credential
 * key is `credential_key_unavailable` (503, fail closed), a missing provider
 * app `provider_app_not_configured`, anything else `setup_not_available`.
 * `proof_gated` passes: the owner may take an unproven path explicitly.
 *
 * @example
 * assertSetupAvailable(await planFor(deps, ownerId, key));
 */
export function assertSetupAvailable(plan: SetupPlan): void {
  if (plan.support_state === 'supported' || plan.support_state === 'proof_gated') return;
  const codes = plan.readiness.blockers.map((blocker) => blocker.code);
  if (codes.includes('credential_key_missing')) {
    throw new ConnError(
      'credential_key_unavailable',
      'This server has no credential key, so it cannot store secrets safely. Nothing was saved.',
      { connector: plan.connector.key },
    );
  }
  if (codes.includes('provider_app_missing')) {
    throw new ConnError('provider_app_not_configured', plan.support_reason, {
      connector: plan.connector.key,
    });
  }
  throw new ConnError('setup_not_available', plan.support_reason, {
    connector: plan.connector.key,
    support_state: plan.support_state,
  });
}
