import { contract } from '../api/contract';
import type { ReadinessBlocker } from '../plan';
import type { PlanningContext } from '../planning-context';
import { readinessBlockers } from '../readiness-blockers';
import { setupRoutes } from '../routes';
import { hasAll } from './has-all';
import type { ModalityRules } from './modality-rules';
import { retryFirstSync } from './retry-first-sync';
import { unprovenNote } from './unproven-note';

const requiredImplementations = ['collector'] as const;

/** The owner approves access at the provider (OAuth); the server collects with the tokens. */
export const providerAuthorization: ModalityRules<'provider_authorization'> = {
  modality: 'provider_authorization',
  collectionSite: 'server',
  proofGated: true,
  requiredImplementations,
  sealsSecrets: true,
  awaitingState: 'awaiting_owner_action',
  firstPassFinal: true,
  renewsCredentialBy: 'reconnecting',
  attentionReason:
    'The provider no longer accepts this connection. Reconnect to approve access again and resume collection.',
  firstSyncEnd: 'authorization_completed',
  offersUnprovenAttempt: (registered) => hasAll(registered, requiredImplementations),
  validationMode: () => null,
  describe: ({ setup }, context) => ({
    modality: setup.modality,
    authorization: {
      provider_app_group: setup.authorization.provider_app.group,
      provider_app_label: setup.authorization.provider_app.label,
      scopes: setup.authorization.scopes,
      pkce: setup.authorization.pkce,
      redirect_path: contract.completeAuthorization.path,
      redirect_uri: redirectUri(context),
    },
  }),
  stepWithoutConnection: ({ setup, name, key }, unproven) => ({
    kind: 'open_provider_auth',
    label: `Authorize ${name}`,
    description: `You will sign in at ${setup.authorization.provider_app.label.replace(/ OAuth app$/, '')} and approve access; conn never sees your password.${unprovenNote(unproven)}`,
    action: setupRoutes.authorize(key),
    materializes: 'authorization_session',
    unproven,
  }),
  stepWithConnection: (manifest, connection) =>
    providerAuthorization.stepWithoutConnection(manifest, connection.unproven),
  // The provider sends the owner back to the public origin, through the operator's OAuth app.
  blockers: ({ setup }, context) => {
    const blockers: ReadinessBlocker[] = [];
    const app = setup.authorization.provider_app;
    if (!context.deployment.provider_apps.includes(app.group)) {
      blockers.push(readinessBlockers.providerApp(app, redirectUri(context)));
    }
    if (context.deployment.public_origin === null) blockers.push(readinessBlockers.publicOrigin);
    return blockers;
  },
  firstSyncRepair: ({ connectionId }) => retryFirstSync(connectionId),
  acceptedFiles: () => null,
};

/** Where the provider sends the owner back: the public origin and the callback route. */
export function redirectUri(context: PlanningContext): string | null {
  const origin = context.deployment.public_origin;
  return origin === null
    ? null
    : `${origin.replace(/\/+$/, '')}${contract.completeAuthorization.path}`;
}
