import { staleAfterIntervals } from '@conn/setup-engine';
import type { SyncHealthRow } from '@conn/store';

/**
 * The health row of a live connection before anything was recorded for it:
 * no success, no failure, stale three intervals from now.
 *
 * @example
 * const health = (await getSyncHealth(db, id)) ?? freshSyncHealth(id, now, intervalMs);
 */
export function freshSyncHealth(
  connectionId: string,
  now: Date,
  intervalMs: number,
): SyncHealthRow {
  return {
    connection_id: connectionId,
    next_sync_at: null,
    last_success_at: null,
    last_failure_at: null,
    consecutive_failures: 0,
    stale_at: staleAt(now, intervalMs),
    attention_reason: null,
    updated_at: now.toISOString(),
  };
}

/**
 * When a connection that just reported turns stale if nothing more arrives:
 * three intervals on.
 *
 * @example
 * await putSyncHealth(trx, { ...health, stale_at: staleAt(now, intervalMs) });
 */
export function staleAt(now: Date, intervalMs: number): string {
  return new Date(now.getTime() + staleAfterIntervals * intervalMs).toISOString();
}
