import type { ConnClient, SetupStatus } from '@conn/sdk';
import { isOpenRun } from '@conn/setup-engine';
import { sleep } from './sleep';

/** Options of `settleStatus`. */
export interface SettleOptions {
  intervalMs: number;
  /** Polls without a new record after which a still-running run counts as settled. */
  quietPolls?: number;
  onChange?: (status: SetupStatus) => void;
  signal?: AbortSignal;
}

/** True while the connection's current run is queued or collecting. */
export function runUnderWay(status: SetupStatus): boolean {
  return isOpenRun(status.run?.status);
}

/**
 * After a connection turned active, keeps reading its status until its run
 * ends, or until no record has arrived for a few polls (a device collector's
 * run stays open between its batches), so the count the owner sees is the
 * first sync's total rather than the first batch's.
 *
 * @example
 * const active = await waitForActive(client, id);
 * const settled = await settleStatus(client, active, { intervalMs: 1_000 });
 * console.log(`Active — ${settled.records_total} records collected`);
 */
export async function settleStatus(
  client: Pick<ConnClient, 'setupStatus'>,
  start: SetupStatus,
  options: SettleOptions,
): Promise<SetupStatus> {
  const quietPolls = options.quietPolls ?? 3;
  let status = start;
  let quiet = 0;
  while (status.setup_state === 'active' && runUnderWay(status) && quiet < quietPolls) {
    await sleep(options.intervalMs, options.signal);
    const next = await client.setupStatus(status.connection_id, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    quiet = next.records_total === status.records_total ? quiet + 1 : 0;
    if (JSON.stringify(next) !== JSON.stringify(status)) options.onChange?.(next);
    status = next;
  }
  return status;
}
