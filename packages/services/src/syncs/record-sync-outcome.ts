import { collectionSite, ModalitySchema, nextSyncDelayMs } from '@conn/setup-engine';
import {
  type ConnectionRow,
  getSyncHealth,
  putSyncHealth,
  type RunRow,
  type StoreDb,
} from '@conn/store';
import type { ServiceDeps } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { credentialNoticeHolds } from './credential-notice-holds';
import { freshSyncHealth, staleAt } from './fresh-sync-health';
import { syncIntervalOf } from './sync-interval-of';

/**
 * Keeps a live connection's health with the run that just ended, in its
 * transaction: a success resets the failure count, schedules the next sync
 * one interval on (server-collected) and repairs a connection that needed
 * attention — unless its credential still expires within a week, which only
 * a new credential repairs; a failure counts and schedules a retry with capped backoff.
 * A cancelled run is neither: the schedule goes on. Drafts have no health.
 *
 * @example
 * await recordSyncOutcome(deps, trx, now, connection, run);
 */
export async function recordSyncOutcome(
  deps: ServiceDeps,
  db: StoreDb,
  now: Date,
  connection: ConnectionRow,
  run: RunRow,
): Promise<void> {
  if (connection.status !== 'active' && connection.status !== 'needs_attention') return;
  if (run.kind === 'import') return;
  const intervalMs = syncIntervalOf(deps, connection.connector);
  if (intervalMs === null) return;
  const stamp = now.toISOString();
  const server = collectionSite(ModalitySchema.parse(connection.modality)) === 'server';
  const health =
    (await getSyncHealth(db, connection.id)) ?? freshSyncHealth(connection.id, now, intervalMs);
  const succeeded = run.status === 'succeeded';
  // A sync with the expiring credential works until its end: only a credential that lasts repairs it.
  const repaired = succeeded && !(await credentialNoticeHolds(db, connection.id, now));
  const failures = succeeded ? 0 : health.consecutive_failures + (run.status === 'failed' ? 1 : 0);
  await putSyncHealth(db, {
    ...health,
    next_sync_at: server ? at(now, nextSyncDelayMs(intervalMs, failures)) : null,
    last_success_at: succeeded ? stamp : health.last_success_at,
    last_failure_at: run.status === 'failed' ? stamp : health.last_failure_at,
    consecutive_failures: failures,
    stale_at: succeeded ? staleAt(now, intervalMs) : health.stale_at,
    attention_reason: repaired ? null : health.attention_reason,
    updated_at: stamp,
  });
  if (repaired && connection.status === 'needs_attention') {
    await applyTransition(db, connection, { type: 'sync_recovered' }, now, {}, { run_id: run.id });
  }
}

const at = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();
