import type { ModalityRules } from './modality-rules';
import { noStep } from './no-step';
import { retryFirstSync } from './retry-first-sync';

/** A connector conn cannot set up at all; the manifest says why. */
export const unsupported: ModalityRules<'unsupported'> = {
  modality: 'unsupported',
  collectionSite: 'none',
  proofGated: false,
  requiredImplementations: [],
  sealsSecrets: false,
  awaitingState: 'awaiting_owner_action',
  firstPassFinal: true,
  renewsCredentialBy: 'reconnecting',
  attentionReason: 'This connection cannot be collected on this server.',
  firstSyncEnd: null,
  offersUnprovenAttempt: () => false,
  validationMode: () => null,
  describe: ({ setup }) => ({ modality: setup.modality, reason: setup.reason }),
  stepWithoutConnection: ({ setup }) => noStep(setup.reason),
  stepWithConnection: ({ setup }) => noStep(setup.reason),
  blockers: () => [],
  // No first sync can run; a stored connection of this modality still gets the generic repair.
  firstSyncRepair: ({ connectionId }) => retryFirstSync(connectionId),
  acceptedFiles: () => null,
};
