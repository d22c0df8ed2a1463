import { spinner } from '@clack/prompts';
import {
  type ConnClient,
  countOf,
  type SetupStatus,
  setupStateSentence,
  waitForActive,
} from '@conn/sdk';
import type { CliContext } from './cli-context';
import { runUnderWay, settleStatus } from './settle-status';

/** Options of `followFirstSync`. */
export interface FollowOptions {
  /** What the spinner says before the first change (TTY only). */
  waiting: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/** Time between status reads while following a setup. */
export const followIntervalMs = 1_000;

/**
 * Follows a connection from its owner step to the end of its first sync:
 * a spinner with the stage and records so far on a terminal, then
 * "Active — N records collected." Rejects with the SDK's `SetupFailedError`
 * (the failure and its one repair step) or `SetupTimeoutError`.
 *
 * @example
 * await followFirstSync(context, client, status.connection_id, { waiting: 'Waiting for the first sync' });
 */
export async function followFirstSync(
  context: CliContext,
  client: ConnClient,
  connectionId: string,
  options: FollowOptions,
): Promise<SetupStatus> {
  const { out } = context;
  const intervalMs = options.intervalMs ?? followIntervalMs;
  const live = out.tty ? spinner({ output: context.io.stdout }) : null;
  live?.start(options.waiting);
  let reported: string | null = null;
  const show = (status: SetupStatus) => {
    live?.message(progressLine(status));
    // What the device's last pass did, said once: the setup goes on waiting for the next one.
    const report =
      status.setup_state === 'active' ? null : (status.remediation?.description ?? null);
    if (report !== null && report !== reported) {
      if (live === null) out.line(report);
      else live.message(report);
    }
    reported = report;
  };
  try {
    const active = await waitForActive(client, connectionId, {
      intervalMs,
      onProgress: show,
      signal: context.signal,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    const settled = await settleStatus(client, active, {
      intervalMs,
      onChange: show,
      signal: context.signal,
    });
    const done = `Active — ${countOf(settled.records_total, 'records')} collected.`;
    if (live === null) out.line(done);
    else live.stop(out.style('green', done));
    return settled;
  } catch (error) {
    live?.error(out.style('red', 'The setup did not finish.'));
    throw error;
  }
}

/** One line for the spinner: where the setup stands and the records so far. */
function progressLine(status: SetupStatus): string {
  const run = status.run;
  const sentence = setupStateSentence(status.setup_state);
  if (run === null || !runUnderWay(status)) return sentence;
  const stage = run.stage === null ? '' : ` ${run.stage.replace(/[_-]+/g, ' ')},`;
  return `${sentence}${stage} ${countOf(run.records_accepted, 'records')} so far`;
}
