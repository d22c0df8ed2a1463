import { setupRoutes } from '../routes';
import type { ModalityRules } from './modality-rules';
import { rerunCollector } from './rerun-collector';
import { unprovenNote } from './unproven-note';

/**
 * A browser collector on the owner's device reads a signed-in site. The
 * server only keeps enrollment shells, so it needs no implementation to
 * plan or to accept a proven path; an unproven attempt, though, is offered
 * only when a collector for it is registered — otherwise there is nothing
 * the owner could try it with.
 */
export const browserBound: ModalityRules<'browser_bound'> = {
  modality: 'browser_bound',
  collectionSite: 'device',
  proofGated: true,
  requiredImplementations: [],
  sealsSecrets: true,
  awaitingState: 'awaiting_collector',
  firstPassFinal: false,
  renewsCredentialBy: 'reconnecting',
  attentionReason:
    'Collection is paused until the browser collector signs in again. Reconnect to start it again.',
  firstSyncEnd: 'first_ingest_accepted',
  offersUnprovenAttempt: (registered) => registered.includes('collector'),
  validationMode: () => null,
  describe: ({ setup }) => ({ modality: setup.modality, browser: setup.browser }),
  stepWithoutConnection: ({ name, key }, unproven) => ({
    kind: 'enroll_browser_collector',
    label: `Sign in to ${name} in a browser collector`,
    description: `${name} can only be read through a signed-in browser. This is not self-service yet.${unprovenNote(unproven)}`,
    action: setupRoutes.browserShell(key),
    materializes: 'enrollment_shell',
    unproven,
  }),
  stepWithConnection: (manifest, connection) =>
    browserBound.stepWithoutConnection(manifest, connection.unproven),
  blockers: () => [],
  firstSyncRepair: ({ errorCode }) => rerunCollector(errorCode),
  acceptedFiles: () => null,
};
