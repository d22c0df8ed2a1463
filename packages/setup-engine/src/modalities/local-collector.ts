import { cliCommands, setupRoutes } from '../routes';
import type { ModalityRules } from './modality-rules';
import { rerunCollector } from './rerun-collector';
import { unprovenNote } from './unproven-note';

const requiredImplementations = ['collector'] as const;

/** A collector the owner enrolls and runs on the device that holds the data. */
export const localCollector: ModalityRules<'local_collector'> = {
  modality: 'local_collector',
  collectionSite: 'device',
  // The data never leaves the owner's device through a provider: nothing to prove remotely.
  proofGated: false,
  requiredImplementations,
  sealsSecrets: false,
  awaitingState: 'awaiting_collector',
  firstPassFinal: false,
  renewsCredentialBy: 'reconnecting',
  attentionReason:
    'Collection is paused until the collector on your device is enrolled again. Reconnect to get a new code.',
  firstSyncEnd: 'first_ingest_accepted',
  offersUnprovenAttempt: () => false,
  validationMode: () => null,
  describe: ({ setup }, context) => ({
    modality: setup.modality,
    collector: {
      ...setup.collector,
      install_command: cliCommands.install(context.deployment.public_origin),
      enroll_command: cliCommands.enrollCollector('<code>', context.deployment.public_origin),
      run_command: cliCommands.runCollector(setup.collector.name, context.deployment.public_origin),
    },
  }),
  stepWithoutConnection: ({ setup, name }, unproven) => ({
    kind: 'enroll_local_collector',
    label: `Enroll the ${setup.collector.label} on your device`,
    description: `Get a one-time code, then run the conn CLI on the device that has your ${name} data. The connection turns active when the collector sends its first records.${unprovenNote(unproven)}`,
    action: setupRoutes.createIntent(),
    materializes: 'enrollment_code',
    unproven,
  }),
  // The connection exists: its enrollment code is minted with the step, not fetched by a route.
  stepWithConnection: (manifest, connection) => ({
    ...localCollector.stepWithoutConnection(manifest, connection.unproven),
    action: null,
    materializes: 'enrollment_code',
  }),
  blockers: () => [],
  firstSyncRepair: ({ errorCode }) => rerunCollector(errorCode),
  acceptedFiles: () => null,
};
