import {
  cancelOpenRuns,
  retireOpenEnrollmentCodes,
  revokeCollectorTokens,
  type StoreTransaction,
} from '@conn/store';

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
  const revokedTokens = await revokeCollectorTokens(trx, connectionId, now);
  await retireOpenEnrollmentCodes(trx, connectionId, now);
  const cancelledRuns =
    options.cancelRuns === null
      ? 0
      : await cancelOpenRuns(trx, connectionId, { errorCode: options.cancelRuns, now });
  return { revokedTokens, cancelledRuns };
}
