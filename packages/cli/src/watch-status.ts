import {
  type ConnClient,
  renderSetupStatus,
  SetupFailedError,
  type SetupStatus,
  StatusWakeups,
} from '@conn/sdk';
import { setupOutcome } from '@conn/setup-engine';
import type { CliContext } from './cli-context';
import { followIntervalMs } from './follow-first-sync';
import { runUnderWay } from './settle-status';

/** How long the watch waits for the stream to open before its first read. */
const openWaitMs = 3_000;
/** With the event stream live, the status is still read this often. */
const streamingReadMs = 10_000;

/**
 * `conn status <id> --watch`: follows the connection's events and reads the
 * status on each (every second when the stream is not available); on each
 * change it redraws the status in place on a terminal (or prints it again,
 * or prints one JSON line with `--json`), until the setup is over: active
 * with its run ended or quiet, or failed, expired or revoked. A failed end
 * rejects with `SetupFailedError` (its repair step), so the exit code tells.
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
  const intervalMs = options.intervalMs ?? followIntervalMs;
  // An active connection whose run sends nothing for this long is taken as settled.
  const quietMs = (options.quietPolls ?? 3) * intervalMs;
  const wakeups = new StatusWakeups(client, id, context.signal);
  let shown: string | null = null;
  let drawnLines = 0;
  let changedAt = Date.now();
  try {
    await wakeups.opened(openWaitMs);
    for (;;) {
      wakeups.consume();
      const status = await client.setupStatus(id, { signal: context.signal });
      const text = JSON.stringify(status);
      if (text !== shown) {
        changedAt = Date.now();
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
      }
      const outcome = setupOutcome(status);
      if (outcome === 'failed') throw new SetupFailedError(status);
      const quiet = Date.now() - changedAt >= quietMs;
      // An active connection's first sync may still be sending: over once its run ends or goes quiet.
      if (outcome === 'active' && (!runUnderWay(status) || quiet)) return status;
      const pause = wakeups.streaming && outcome !== 'active' ? streamingReadMs : intervalMs;
      await wakeups.next(pause);
    }
  } finally {
    wakeups.close();
  }
}
