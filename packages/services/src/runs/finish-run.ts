import {
  ConnError,
  collectionSite,
  finishedRunStatuses,
  isCredentialRefusal,
  ModalitySchema,
  RunErrorCodeSchema,
  type RunSummary,
} from '@conn/setup-engine';
import { finishOpenRun, getRun, type RunRow, type StoreDb } from '@conn/store';
import { z } from 'zod';
import { loadConnection } from '../connections/owned-connection';
import type { Actor, ServiceDeps } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';
import { summarizeRun } from './queue-run';
import { openRun, type RunScope } from './run-progress';

/** How a run ended, as the worker or a collector's finish call reports it. */
const RunOutcomeSchema = z.strictObject({
  status: z.enum(finishedRunStatuses),
  errorCode: RunErrorCodeSchema.optional(),
});
export type RunOutcome = z.input<typeof RunOutcomeSchema>;

/**
 * Ends a run. A first sync that ends while its connection is still a draft —
 * failed, cancelled, or "succeeded" without one accepted record — applies the
 * engine's `first_sync_failed`: the draft stays a draft, and setup-status
 * shows `first_sync_failed` with one remediation. A later sync of a live
 * static-secret or OAuth connection failing because the provider refused
 * the credential turns it `needs_attention` (`refresh_failed`).
 *
 * @example
 * await services.finishRun(runId, { status: 'failed', errorCode: 'credential_rejected' });
 */
export async function finishRun(
  deps: ServiceDeps,
  runId: string,
  input: RunOutcome,
  scope: RunScope = {},
  actor: Actor = 'system',
): Promise<RunSummary> {
  const parsed = RunOutcomeSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConnError(
      'invalid_request',
      'A run ends as succeeded, failed or cancelled, with an optional snake_case error code.',
    );
  }
  const { status } = parsed.data;
  const errorCode =
    status === 'failed'
      ? (parsed.data.errorCode ?? 'sync_failed')
      : (parsed.data.errorCode ?? null);
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const run = await openRun(trx, runId, scope);
    if (!(await finishOpenRun(trx, run.id, { status, errorCode, now }))) {
      throw new ConnError('run_not_claimable', 'This run has already finished.');
    }
    await afterRunEnded(trx, now, { ...run, status, error_code: errorCode }, actor);
    return summarizeRun(await getRun(trx, run.id));
  });
}

/**
 * What a run's end means for its connection, applied through the engine.
 * Shared with stale-run recovery, which ends runs on its own.
 *
 * @example
 * await afterRunEnded(trx, now, endedRun, 'system');
 */
export async function afterRunEnded(
  db: StoreDb,
  now: Date,
  run: RunRow,
  actor: Actor,
): Promise<void> {
  const connection = await loadConnection(db, run.connection_id);
  let event: 'first_sync_failed' | 'refresh_failed' | null = null;
  if (connection.status === 'draft' && connection.retired_at === null) {
    event = 'first_sync_failed';
  } else if (
    connection.status === 'active' &&
    run.status === 'failed' &&
    isCredentialRefusal(run.error_code) &&
    // Only a server-collected connection holds the credential a provider refused.
    collectionSite(ModalitySchema.parse(connection.modality)) === 'server'
  ) {
    event = 'refresh_failed';
  }
  if (event !== null) await applyTransition(db, connection, { type: event }, now);
  await writeAuditEvent(db, now, {
    ownerId: connection.owner_id,
    actor,
    action: event === 'first_sync_failed' ? 'first_sync.failed' : 'run.finished',
    connectionId: connection.id,
    details: {
      run_id: run.id,
      kind: run.kind,
      status: run.status,
      error_code: run.error_code,
      connection_event: event,
    },
  });
}
