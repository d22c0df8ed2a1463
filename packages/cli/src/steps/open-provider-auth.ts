import type { ConnClient, SetupPlan, SetupStatus } from '@conn/sdk';
import { ConnError } from '@conn/setup-engine';
import type { CliContext } from '../cli-context';
import { followFirstSync, followIntervalMs } from '../follow-first-sync';
import { sleep } from '../sleep';
import type { ConnectOptions } from './connect-options';
import { waitForRepair } from './wait-for-repair';

/** An authorization session lives 10 minutes on the server; wait a little longer. */
const authorizationWaitMs = 11 * 60_000;

/**
 * The `open_provider_auth` step: starts the authorization, prints the
 * provider URL to open in a browser, waits for the connection the callback
 * creates, then follows its first sync.
 *
 * With `reconnecting`, the authorization repairs that connection, and the
 * wait is for it to come back.
 *
 * @example
 * await openProviderAuth(context, plan, options);
 */
export async function openProviderAuth(
  context: CliContext,
  plan: SetupPlan,
  options: ConnectOptions,
  reconnecting: string | null = null,
): Promise<SetupStatus> {
  const { out } = context;
  const owner = await context.ownerClient();
  const before = new Set((await connectionsOf(owner, plan)).map((status) => status.connection_id));
  const start = await owner.authorize(plan.connector.key, {
    ...(options.label === undefined ? {} : { label: options.label }),
    // Reaching this step on a proof-gated path means the owner passed --unproven.
    ...(plan.proof_gate === null || reconnecting !== null ? {} : { unproven: options.unproven }),
    ...(reconnecting === null ? {} : { connectionId: reconnecting }),
  });
  out.line(`Open this URL in a browser to approve access to ${plan.connector.name}:`);
  out.line(`  ${out.style('cyan', start.authorization_url)}`);
  out.line(out.style('dim', 'Waiting for the approval (Ctrl-C stops waiting)…'));
  const deadline = Date.now() + authorizationWaitMs;
  if (reconnecting !== null) {
    await waitForRepair(
      context,
      owner,
      reconnecting,
      new Date(deadline),
      'The authorization was not completed in time. Run conn reconnect again for a new link.',
    );
    return followFirstSync(context, owner, reconnecting, { waiting: 'Sync' });
  }
  for (;;) {
    const created = (await connectionsOf(owner, plan)).find(
      (status) => !before.has(status.connection_id),
    );
    if (created !== undefined) {
      return followFirstSync(context, owner, created.connection_id, { waiting: 'First sync' });
    }
    if (Date.now() > deadline) {
      throw new ConnError(
        'setup_not_available',
        'The authorization was not completed in time. Run conn connect again for a new link.',
      );
    }
    await sleep(followIntervalMs, context.signal);
  }
}

/** This connector's connections, pending ones included. */
async function connectionsOf(owner: ConnClient, plan: SetupPlan): Promise<SetupStatus[]> {
  const found: SetupStatus[] = [];
  let cursor: string | null = null;
  do {
    const page = await owner.connections({ includePending: true, cursor });
    found.push(...page.items.filter((item) => item.connector === plan.connector.key));
    cursor = page.next_cursor;
  } while (cursor !== null);
  return found;
}
