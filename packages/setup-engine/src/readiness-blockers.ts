import type { z } from 'zod';
import type { ProviderAuthorizationSetupSchema } from './manifest';
import type { ReadinessBlocker } from './plan';
import { setupRoutes } from './routes';

/** The blockers a deployment can have, worded once for instance readiness and for each modality. */
export const readinessBlockers = {
  credentialKey: {
    code: 'credential_key_missing',
    label: 'This server has no credential key, so it cannot store secrets safely.',
    action:
      'The operator gives the server a credential key (or lets it create one in its data directory) and restarts it.',
    audience: 'operator',
    fix: null,
  },
  publicOrigin: {
    code: 'public_origin_missing',
    label:
      'This server does not know its public address, so a provider cannot send the owner back.',
    action: 'The operator sets the public origin of the server and restarts it.',
    audience: 'operator',
    fix: null,
  },
  disk: {
    code: 'disk_space_low',
    label: "The server's data directory is almost full.",
    action: 'The operator frees space or moves the data directory to a larger volume.',
    audience: 'operator',
    fix: null,
  },
  providerApp: (
    app: z.infer<typeof ProviderAuthorizationSetupSchema>['authorization']['provider_app'],
    redirectUri: string | null,
  ): ReadinessBlocker => ({
    code: 'provider_app_missing',
    label: `${app.label} is not configured on this server yet.`,
    action: `The operator registers the ${app.label}${redirectUri === null ? '' : ` with the redirect URI ${redirectUri}`} and enters its client ID and secret in the console's deployment settings (or with conn deployment provider-app ${app.group}).`,
    audience: 'operator',
    fix: setupRoutes.providerApp(app.group),
  }),
} as const satisfies Record<string, ReadinessBlocker | ((...args: never[]) => ReadinessBlocker)>;
