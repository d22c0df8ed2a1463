import { openRunStatuses } from '@conn/setup-engine';
import type { StoreTransaction } from '@conn/store';

/** What stopping a connection's collection touched. */
export interface StoppedCollection {
  revokedTokens: number;
  cancelledRuns: number;
}

/**
 * Stops what could still feed a connection: revokes its collector tokens,
 * retires its unused enrollment codes and, when `cancelRuns` names a reason,
 * cancels its queued and running runs with that code. Shared by revoke,
 * abandon and re-enrollment, which differ only in whether runs stop too.
 *
 * @example
 * await stopCollection(trx, connection.id, now, { cancelRuns: 'revoked' });
 */
export async function stopCollection(
  trx: StoreTransaction,
  connectionId: string,
  now: Date,
  options: { cancelRuns: string | null },
): Promise<StoppedCollection> {
  const stamp = now.toISOString();
  const tokens = await trx
    .updateTable('collector_tokens')
    .set({ revoked_at: stamp })
    .where('connection_id', '=', connectionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  await trx
    .updateTable('enrollment_codes')
    .set({ retired_at: stamp })
    .where('connection_id', '=', connectionId)
    .where('used_at', 'is', null)
    .where('retired_at', 'is', null)
    .execute();
  let cancelledRuns = 0;
  if (options.cancelRuns !== null) {
    const runs = await trx
      .updateTable('runs')
      .set({ status: 'cancelled', error_code: options.cancelRuns, finished_at: stamp })
      .where('connection_id', '=', connectionId)
      .where('status', 'in', openRunStatuses)
      .executeTakeFirst();
    cancelledRuns = Number(runs.numUpdatedRows);
  }
  return { revokedTokens: Number(tokens.numUpdatedRows), cancelledRuns };
}
