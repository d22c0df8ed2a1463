import type { ConnClient, SetupStatus } from '@conn/sdk';
import { ConnError, isOpenRun } from '@conn/setup-engine';
import type { CliContext } from '../cli-context';
import { followIntervalMs } from '../follow-first-sync';
import { sleep } from '../sleep';

/**
 * Waits while a connection under repair waits for its owner (a device to
 * enroll again, an approval at the provider): it reads "needs attention"
 * until then, which is not a failure yet. Resolves once a run is under way
 * or the connection is active; past `deadline` (the code's or the
 * authorization's expiry) it gives up in one sentence.
 *
 * @example
 * await waitForRepair(context, owner, id, new Date(step.expires_at), 'The code expired …');
 */
export async function waitForRepair(
  context: CliContext,
  client: ConnClient,
  connectionId: string,
  deadline: Date,
  expired: string,
): Promise<SetupStatus> {
  for (;;) {
    const status = await client.setupStatus(connectionId, { signal: context.signal });
    if (status.setup_state === 'active' || isOpenRun(status.run?.status)) return status;
    if (status.setup_state !== 'needs_attention' && status.setup_state !== 'revoked') {
      return status;
    }
    if (Date.now() > deadline.getTime()) throw new ConnError('setup_not_available', expired);
    await sleep(followIntervalMs, context.signal);
  }
}
