import type { Manifest } from './manifest';
import type { ReadinessBlocker } from './plan';
import type { PlanningContext } from './planning-context';
import { setupRoutes } from './routes';

const credentialKeyBlocker: ReadinessBlocker = {
  code: 'credential_key_missing',
  label: 'This server has no credential key, so it cannot store secrets safely.',
  action:
    'The operator gives the server a credential key (or lets it create one in its data directory) and restarts it.',
  audience: 'operator',
  fix: null,
};

const publicOriginBlocker: ReadinessBlocker = {
  code: 'public_origin_missing',
  label: 'This server does not know its public address, so a provider cannot send the owner back.',
  action: 'The operator sets the public origin of the server and restarts it.',
  audience: 'operator',
  fix: null,
};

const diskBlocker: ReadinessBlocker = {
  code: 'disk_space_low',
  label: "The server's data directory is almost full.",
  action: 'The operator frees space or moves the data directory to a larger volume.',
  audience: 'operator',
  fix: null,
};

/** Instance-wide blockers, independent of any connector (for the readiness route). */
export function instanceBlockers(context: PlanningContext): ReadinessBlocker[] {
  const blockers: ReadinessBlocker[] = [];
  if (context.deployment.credential_key_provider === null) blockers.push(credentialKeyBlocker);
  if (context.deployment.public_origin === null) blockers.push(publicOriginBlocker);
  if (context.deployment.disk_space_low) blockers.push(diskBlocker);
  return blockers;
}

/** The instance prerequisites one connector's modality needs and this deployment lacks. */
export function deploymentBlockers(
  manifest: Manifest,
  context: PlanningContext,
): ReadinessBlocker[] {
  const { setup } = manifest;
  const blockers: ReadinessBlocker[] = [];
  const sealsSecrets =
    setup.modality === 'static_secret' ||
    setup.modality === 'provider_authorization' ||
    setup.modality === 'browser_bound';
  if (sealsSecrets && context.deployment.credential_key_provider === null) {
    blockers.push(credentialKeyBlocker);
  }
  if (setup.modality === 'provider_authorization') {
    const app = setup.authorization.provider_app;
    if (!context.deployment.provider_apps.includes(app.group)) {
      blockers.push({
        code: 'provider_app_missing',
        label: `${app.label} is not configured on this server yet.`,
        action: `The operator registers the ${app.label} and enters its client ID and secret in the console's deployment settings.`,
        audience: 'operator',
        fix: setupRoutes.providerApp(app.group),
      });
    }
    if (context.deployment.public_origin === null) blockers.push(publicOriginBlocker);
  }
  if (setup.modality === 'manual_or_upload' && context.deployment.disk_space_low) {
    blockers.push(diskBlocker);
  }
  return blockers;
}
