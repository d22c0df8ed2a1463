import {
  ConnError,
  finishedRunStatuses,
  RunErrorCodeSchema,
  type RunSummary,
} from '@conn/setup-engine';
import { finishOpenRun, getRun, writeCredentialExpiry, writeSyncCursors } from '@conn/store';
import { z } from 'zod';
import type { Actor, ServiceDeps } from '../service-deps';
import { afterRunEnded } from './after-run-ended';
import { openRun, type RunScope } from './open-run';
import { summarizeRun } from './summarize-run';

/** How a run ended, as the worker or a collector's finish call reports it. */
const RunOutcomeSchema = z.strictObject({
  status: z.enum(finishedRunStatuses),
  errorCode: RunErrorCodeSchema.optional(),
  /** Where each stream's next incremental sync starts; kept only when the run succeeded. */
  syncCursors: z.record(z.string().min(1).max(120), z.string().max(4_000)).optional(),
  /** When the provider now says the run's credential expires (null: never); kept only when the run succeeded. */
  credentialExpiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
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
    if (status === 'succeeded' && parsed.data.syncCursors !== undefined) {
      await writeSyncCursors(trx, run.connection_id, parsed.data.syncCursors, now.toISOString());
    }
    const { credentialExpiresAt } = parsed.data;
    if (status === 'succeeded' && credentialExpiresAt !== undefined) {
      await writeCredentialExpiry(trx, run.connection_id, normalizedTime(credentialExpiresAt));
    }
    await afterRunEnded(deps, trx, now, { ...run, status, error_code: errorCode }, actor);
    return summarizeRun(await getRun(trx, run.id));
  });
}

/** Stored times are ISO 8601 in UTC, whatever offset a collector wrote. */
function normalizedTime(at: string | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}
