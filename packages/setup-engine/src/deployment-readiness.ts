import type { Manifest } from './manifest';
import { rulesOf } from './modalities/modality-rules-table';
import type { ReadinessBlocker } from './plan';
import type { PlanningContext } from './planning-context';
import { readinessBlockers } from './readiness-blockers';

/** Instance-wide blockers, independent of any connector (for the readiness route). */
export function instanceBlockers(context: PlanningContext): ReadinessBlocker[] {
  const blockers: ReadinessBlocker[] = [];
  if (context.deployment.credential_key_provider === null) {
    blockers.push(readinessBlockers.credentialKey);
  }
  if (context.deployment.public_origin === null) blockers.push(readinessBlockers.publicOrigin);
  if (context.deployment.disk_space_low) blockers.push(readinessBlockers.disk);
  return blockers;
}

/** The instance prerequisites one connector's modality needs and this deployment lacks. */
export function deploymentBlockers(
  manifest: Manifest,
  context: PlanningContext,
): ReadinessBlocker[] {
  const rules = rulesOf(manifest);
  const blockers: ReadinessBlocker[] = [];
  if (rules.sealsSecrets && context.deployment.credential_key_provider === null) {
    blockers.push(readinessBlockers.credentialKey);
  }
  blockers.push(...rules.blockers(manifest, context));
  return blockers;
}
