import {
  cliCommands,
  collectionSite,
  isCredentialRefusal,
  isOpenRun,
  type Manifest,
  ModalitySchema,
  type NextStep,
  type SetupState,
  setupRoutes,
  stepWithConnection,
} from '@conn/setup-engine';
import {
  type ConnectionRow,
  findCredentialId,
  findLatestRun,
  findLiveCollectorTokenId,
  type StoreDb,
} from '@conn/store';
import { issueEnrollmentCodeIn } from '../collectors/mint-enrollment-code';
import type { IntentNextStep } from '../intents/intent-schema';
import { openDeviceRunIn, queueRunIn } from '../runs/queue-run';
import type { Actor, ServiceDeps } from '../service-deps';
import { applyTransition, changedConcurrently } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';
import { consoleUrls } from '../shared/console-urls';
import { readSetupStatus } from './get-setup-status';
import { loadOwnedConnection } from './owned-connection';

/** Where a reconnect lands the owner. */
export interface ReconnectResult {
  connection_id: string;
  setup_state: SetupState;
  next_step: IntentNextStep;
}

/**
 * Repairs a connection in place (engine event `reconnect_started`): a
 * revoked one becomes `needs_attention`, and the owner lands on this
 * connection's own step — its credential form, its authorization, or a fresh
 * enrollment code for its collector — never at the start of the catalog. On
 * a draft whose first sync failed it retries the first sync (a fresh code or
 * credential only when the failure needs one).
 *
 * @example
 * const { next_step } = await services.reconnect(ownerId, connectionId);
 */
export async function reconnectConnection(
  deps: ServiceDeps,
  ownerId: string,
  connectionId: string,
  actor: Actor = 'owner',
): Promise<ReconnectResult> {
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const connection = await loadOwnedConnection(trx, ownerId, connectionId);
    const { manifest } = deps.registry.require(connection.connector);
    const result = await reconnectIn(deps, trx, now, connection, manifest, actor);
    const status = await readSetupStatus(deps, trx, ownerId, connection.id);
    return { connection_id: connection.id, setup_state: status.setup_state, next_step: result };
  });
}

/**
 * `reconnectConnection` inside a caller's transaction (an intent with
 * `reconnect_connection_id`). Resolves the step that lands on the connection.
 *
 * @example
 * const step = await reconnectIn(deps, trx, now, connection, manifest, actor);
 */
export async function reconnectIn(
  deps: ServiceDeps,
  db: StoreDb,
  now: Date,
  connection: ConnectionRow,
  manifest: Manifest,
  actor: Actor,
): Promise<IntentNextStep> {
  const { changed } = await applyTransition(db, connection, { type: 'reconnect_started' }, now);
  if (!changed) throw changedConcurrently();
  const draft = connection.status === 'draft';
  const lastRun = await findLatestRun(db, connection.id);
  const liveTokenId = await findLiveCollectorTokenId(db, connection.id);
  const credentialId = await findCredentialId(db, connection.id);
  const failedFirstSync = draft && lastRun !== undefined && !isOpenRun(lastRun.status);
  const credentialRefused = isCredentialRefusal(lastRun?.error_code);
  const url = consoleUrls.connection(deps.deployment.public_origin, connection.id);
  const base = (step: NextStep): IntentNextStep => ({
    ...step,
    unproven: false,
    url,
    connection_id: connection.id,
    enrollment_code: null,
    command: null,
    expires_at: null,
  });
  let next: IntentNextStep;
  let retried = false;

  if (
    failedFirstSync &&
    !credentialRefused &&
    (credentialId !== undefined || liveTokenId !== undefined)
  ) {
    retried = true;
    if (
      collectionSite(ModalitySchema.parse(connection.modality)) === 'device' &&
      liveTokenId !== undefined
    ) {
      await openDeviceRunIn(db, now, connection.id, 'first_sync', liveTokenId);
      const collectorName =
        manifest.setup.modality === 'local_collector'
          ? manifest.setup.collector.name
          : manifest.key;
      next = {
        ...base(retryStep(`Run the ${manifest.name} collector again on your device`, null)),
        command: cliCommands.runCollector(collectorName),
      };
    } else {
      await queueRunIn(db, now, connection.id, 'first_sync');
      next = base(
        retryStep('The first sync was restarted', setupRoutes.setupStatus(connection.id)),
      );
    }
  } else {
    const step = base(stepWithConnection(manifest, { id: connection.id, unproven: false }));
    // A step that enrolls a collector comes with its fresh one-time code.
    if (step.materializes === 'enrollment_code') {
      const grant = await issueEnrollmentCodeIn(db, now, connection, null, actor);
      next = {
        ...step,
        enrollment_code: grant.enrollment_code,
        command: grant.command,
        expires_at: grant.expires_at,
      };
    } else {
      next = step;
    }
  }
  await writeAuditEvent(db, now, {
    ownerId: connection.owner_id,
    actor,
    action: 'connection.reconnect_started',
    connectionId: connection.id,
    details: { from: connection.status, step: next.kind, first_sync_retried: retried },
  });
  return next;
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
