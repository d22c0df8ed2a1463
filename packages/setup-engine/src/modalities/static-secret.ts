import { isCredentialRefusal } from '../is-credential-refusal';
import { setupRoutes } from '../routes';
import { hasAll } from './has-all';
import type { ModalityRules } from './modality-rules';
import { retryFirstSync } from './retry-first-sync';
import { unprovenNote } from './unproven-note';

const requiredImplementations = ['collector'] as const;

/** A secret the owner pastes (token, app password), sealed; the server collects with it. */
export const staticSecret: ModalityRules<'static_secret'> = {
  modality: 'static_secret',
  collectionSite: 'server',
  proofGated: true,
  requiredImplementations,
  sealsSecrets: true,
  awaitingState: 'awaiting_credential',
  firstPassFinal: true,
  renewsCredentialBy: 'replacing',
  attentionReason:
    'The provider no longer accepts the stored credential. Reconnect and enter a new one to resume collection.',
  firstSyncEnd: 'first_ingest_accepted',
  offersUnprovenAttempt: (registered) => hasAll(registered, requiredImplementations),
  // A registered probe checks the credential before it is stored; without one the first sync does.
  validationMode: (registered) => (registered.includes('probe') ? 'synchronous' : 'first_sync'),
  describe: ({ setup }) => ({
    modality: setup.modality,
    credential_kind: setup.credential_kind,
    fields: setup.fields,
  }),
  stepWithoutConnection: ({ setup, name }, unproven) => {
    const secretLabels = setup.fields.filter((f) => f.secret).map((f) => f.label.toLowerCase());
    return {
      kind: 'capture_static_secret',
      label: `Enter your ${name} ${secretLabels.join(' and ')}`,
      description: `Paste it into the owner-only form. conn checks it, stores it encrypted for this connection only, and starts the first sync.${unprovenNote(unproven)}`,
      action: setupRoutes.createDraft(),
      materializes: 'draft',
      unproven,
    };
  },
  // The draft exists already: the owner fills in its credential form.
  stepWithConnection: (manifest, connection) => ({
    ...staticSecret.stepWithoutConnection(manifest, connection.unproven),
    action: setupRoutes.credential(connection.id),
    materializes: 'nothing',
  }),
  blockers: () => [],
  firstSyncRepair: ({ connectionId, errorCode }) =>
    isCredentialRefusal(errorCode)
      ? {
          kind: 'replace_credential',
          label: 'Enter a new credential',
          description:
            'The provider refused the stored credential. Enter a valid one to try again.',
          action: setupRoutes.credential(connectionId),
        }
      : retryFirstSync(connectionId),
  acceptedFiles: () => null,
};
