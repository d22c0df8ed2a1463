import { readinessBlockers } from '../readiness-blockers';
import { setupRoutes } from '../routes';
import type { ModalityRules } from './modality-rules';
import { unprovenNote } from './unproven-note';

/** The owner uploads an export file; a registered validator checks it before it is imported. */
export const manualOrUpload: ModalityRules<'manual_or_upload'> = {
  modality: 'manual_or_upload',
  collectionSite: 'upload',
  // The file is in the owner's hands: no remote path to prove.
  proofGated: false,
  requiredImplementations: ['validator'],
  sealsSecrets: false,
  awaitingState: 'awaiting_owner_action',
  firstPassFinal: true,
  renewsCredentialBy: 'reconnecting',
  attentionReason: 'This source needs a new export. Reconnect and upload it to continue.',
  firstSyncEnd: 'import_done',
  offersUnprovenAttempt: () => false,
  validationMode: () => null,
  describe: ({ setup }) => ({ modality: setup.modality, upload: setup.upload }),
  stepWithoutConnection: ({ name, key }, unproven) => ({
    kind: 'provide_import_file',
    label: `Upload your ${name} export`,
    description: `conn checks the file before anything is imported, and shows what it found.${unprovenNote(unproven)}`,
    action: setupRoutes.upload(key),
    materializes: 'upload_artifact',
    unproven,
  }),
  stepWithConnection: (manifest, connection) =>
    manualOrUpload.stepWithoutConnection(manifest, connection.unproven),
  // Uploads land in the data directory before they are validated.
  blockers: (_manifest, context) =>
    context.deployment.disk_space_low ? [readinessBlockers.disk] : [],
  firstSyncRepair: () => ({
    kind: 'restart_setup',
    label: 'Upload the export again',
    description: 'The import did not finish. Upload the file again to retry.',
    action: null,
  }),
  acceptedFiles: ({ setup }) => setup.upload,
};
