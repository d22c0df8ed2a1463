import {
  cliCommands,
  collectionSite,
  isCredentialRefusal,
  isOpenRun,
  type Manifest,
  ModalitySchema,
  type NextStep,
  setupRoutes,
} from '@conn/setup-engine';
import {
  type ConnectionRow,
  findCredentialId,
  findLatestRun,
  findLiveCollectorTokenId,
  type StoreDb,
} from '@conn/store';
import { openDeviceRunIn } from '../runs/open-device-run-in';
import { queueRunIn } from '../runs/queue-run-in';

/** The step a retried first sync lands on, with the command that reruns a device collector. */
export interface RetriedFirstSync {
  step: NextStep;
  command: string | null;
}

/**
 * Retries the first sync of a draft whose first sync failed, when nothing
 * new is needed for it: the failure was not a refused credential, and the
 * draft still holds its credential or its enrolled collector. A device
 * collector gets its run reopened (and the command to run it again), a
 * server-collected draft a queued first sync. Resolves null when a retry
 * would not help; nothing is written then.
 *
 * @example
 * const retried = await retryFirstSync(trx, now, connection, manifest);
 */
export async function retryFirstSync(
  db: StoreDb,
  now: Date,
  connection: ConnectionRow,
  manifest: Manifest,
  origin: string | null,
  /** The intent the retry serves (a reconnect intent), for its events. */
  intentId: string | null = null,
): Promise<RetriedFirstSync | null> {
  const draft = connection.status === 'draft';
  const lastRun = await findLatestRun(db, connection.id);
  const liveTokenId = await findLiveCollectorTokenId(db, connection.id);
  const credentialId = await findCredentialId(db, connection.id);
  const failedFirstSync = draft && lastRun !== undefined && !isOpenRun(lastRun.status);
  const credentialRefused = isCredentialRefusal(lastRun?.error_code);
  if (
    !failedFirstSync ||
    credentialRefused ||
    (credentialId === undefined && liveTokenId === undefined)
  ) {
    return null;
  }
  if (
    collectionSite(ModalitySchema.parse(connection.modality)) === 'device' &&
    liveTokenId !== undefined
  ) {
    await openDeviceRunIn(db, now, connection, 'first_sync', liveTokenId, intentId);
    const collectorName =
      manifest.setup.modality === 'local_collector' ? manifest.setup.collector.name : manifest.key;
    return {
      step: retryStep(`Run the ${manifest.name} collector again on your device`, null),
      command: cliCommands.runCollector(collectorName, origin),
    };
  }
  await queueRunIn(db, now, connection, 'first_sync', {}, intentId);
  return {
    step: retryStep('The first sync was restarted', setupRoutes.setupStatus(connection.id)),
    command: null,
  };
}

function retryStep(label: string, action: NextStep['action']): NextStep {
  return {
    kind: 'none',
    label,
    description: 'Your credential and settings are kept. Follow the setup status to see it finish.',
    action,
    materializes: 'nothing',
    unproven: false,
  };
}
