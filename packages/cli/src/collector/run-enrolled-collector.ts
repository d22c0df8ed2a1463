import { spinner } from '@clack/prompts';
import type { ConnectorRegistry } from '@conn/connectors';
import { ConnClient, countOf } from '@conn/sdk';
import { ConnError } from '@conn/setup-engine';
import type { CliContext } from '../cli-context';
import type { Enrollment } from '../config/enrollment-store';
import { IngestSink, type SentTotals } from './ingest-sink';

/** Options of `runEnrolledCollector`. */
export interface CollectorRunOptions {
  /** Where to read instead of the collector's default directory for this platform. */
  path?: string;
  /** Tries per batch (default 5) and the first backoff delay, for tests. */
  tries?: number;
  baseDelayMs?: number;
}

/**
 * One pass of a device collector for one enrollment: runs the bundled
 * collector of the enrolled connector over the device's files and sends
 * every batch to the server with the enrollment's collector token. Safe to
 * repeat: the server upserts records by their record key.
 *
 * @example
 * const sent = await runEnrolledCollector(context, registry, enrollment, { path: '~/.claude/projects' });
 */
export async function runEnrolledCollector(
  context: CliContext,
  registry: ConnectorRegistry,
  enrollment: Enrollment,
  options: CollectorRunOptions = {},
): Promise<SentTotals> {
  const { out } = context;
  const definition = registry.get(enrollment.connector);
  if (definition?.collector === undefined) {
    throw new ConnError(
      'connector_not_found',
      `This conn CLI has no collector for "${enrollment.connector}"; update the CLI.`,
      { connector: enrollment.connector },
    );
  }
  const name = definition.manifest.name;
  const client = new ConnClient({ baseUrl: enrollment.server, token: enrollment.collector_token });
  const live = out.tty ? spinner({ output: context.io.stdout }) : null;
  live?.start(`${name}: reading`);
  // Each pass reports under its own run (the first one continues the enrollment's run).
  const run = await client.openRun({ signal: context.signal });
  const sink = new IngestSink({
    client,
    runId: run.id,
    signal: context.signal,
    onProgress: (stage, sent) =>
      live?.message(`${name}: ${stage.replace(/[_-]+/g, ' ')}, ${sent.accepted} records sent`),
    onRetry: (message) => live?.message(`${name}: ${message}`),
    ...(options.tries === undefined ? {} : { tries: options.tries }),
    ...(options.baseDelayMs === undefined ? {} : { baseDelayMs: options.baseDelayMs }),
  });
  try {
    await definition.collector({
      fields: options.path === undefined ? {} : { path: options.path },
      secrets: {},
      signal: context.signal,
      fetch: globalThis.fetch,
      emit: sink.emit,
      progress: sink.progress,
    });
    await sink.finish();
    if (sink.runId !== null)
      await client.finishRun(sink.runId, { status: 'succeeded' }, { signal: context.signal });
  } catch (error) {
    live?.error(`${name}: stopped`);
    // Best effort: the server would otherwise find the run stale and end it the same way.
    if (sink.runId !== null)
      await client
        .finishRun(sink.runId, { status: 'failed', error_code: 'collector_failed' })
        .catch(() => {});
    throw error;
  }
  const { totals } = sink;
  const streams = Object.entries(totals.streams)
    .map(([stream, count]) => `${stream} ${count.toLocaleString('en-US')}`)
    .join(', ');
  const summary = `${name}: sent ${countOf(totals.accepted, 'records')}${streams === '' ? '' : ` (${streams})`} to ${enrollment.server}.`;
  if (live === null) out.line(summary);
  else live.stop(out.style('green', summary));
  if (totals.rejected > 0)
    out.line(out.style('yellow', `${totals.rejected} records were refused by the server.`));
  return totals;
}
