import { type ConnClient, renderSetupStatus, SetupFailedError, type SetupStatus } from '@conn/sdk';
import { setupOutcome } from '@conn/setup-engine';
import type { CliContext } from './cli-context';
import { followIntervalMs } from './follow-first-sync';
import { runUnderWay } from './settle-status';
import { sleep } from './sleep';

/**
 * `conn status <id> --watch`: reads the status every second and, on each
 * change, redraws it in place on a terminal (or prints it again, or prints
 * one JSON line with `--json`), until the setup is over: active with its
 * run ended or quiet, or failed, expired or revoked. A failed end rejects
 * with `SetupFailedError` (its repair step), so the exit code tells.
 *
 * @example
 * await watchStatus(context, client, connectionId, { json: false });
 */
export async function watchStatus(
  context: CliContext,
  client: ConnClient,
  id: string,
  options: { json: boolean; intervalMs?: number; quietPolls?: number },
): Promise<SetupStatus> {
  const { out } = context;
  const quietPolls = options.quietPolls ?? 3;
  let shown: string | null = null;
  let drawnLines = 0;
  let quiet = 0;
  for (;;) {
    const status = await client.setupStatus(id, { signal: context.signal });
    const text = JSON.stringify(status);
    if (text !== shown) {
      quiet = 0;
      if (options.json) {
        out.line(text);
      } else {
        const rendered = renderSetupStatus(status);
        // Redraw in place on a terminal: move up over the last drawing and clear below.
        if (out.tty && drawnLines > 0) out.stdout.write(`\x1b[${drawnLines}F\x1b[0J`);
        out.line(rendered);
        drawnLines = rendered.split('\n').length;
      }
      shown = text;
    } else {
      quiet += 1;
    }
    const outcome = setupOutcome(status);
    if (outcome === 'failed') throw new SetupFailedError(status);
    // An active connection's first sync may still be sending: over once its run ends or goes quiet.
    if (outcome === 'active' && (!runUnderWay(status) || quiet >= quietPolls)) return status;
    await sleep(options.intervalMs ?? followIntervalMs, context.signal);
  }
}
