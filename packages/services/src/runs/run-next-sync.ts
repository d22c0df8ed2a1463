import type { CollectorInput, StreamCounts } from '@conn/connectors';
import { collectionSite, isConnError, ModalitySchema, type RunSummary } from '@conn/setup-engine';
import { getConnection, getRun, readSyncCursors, rewindRunToCheckpoint } from '@conn/store';
import { withFreshAccessToken } from '../oauth/with-fresh-access-token';
import type { ServiceDeps } from '../service-deps';
import { claimRun } from './claim-run';
import { finishRun } from './finish-run';
import { handBackRuns } from './hand-back-runs';
import { heartbeat } from './heartbeat';
import { ingestRecords } from './ingest-records';
import { openRunCredential } from './open-run-credential';
import { reportProgress } from './report-progress';
import { summarizeRun } from './summarize-run';

/** How a server worker runs a sync. */
export interface RunNextSyncOptions {
  /** Aborted when the server shuts down: the run is stopped and handed back to the queue. */
  signal?: AbortSignal;
  /** How often the worker heartbeats its run besides each progress report. */
  heartbeatEveryMs?: number;
}

/** Run kinds a server worker collects (imports belong to the upload pipeline). */
const syncKinds = ['first_sync', 'sync'] as const;

/**
 * One turn of a server sync worker: claims the oldest queued sync, opens the
 * connection's credential, runs the connector's registered collector with a
 * sink that ingests (and so activates a draft on its first accepted batch)
 * and reports progress, and ends the run. A failure is stored as a code only
 * — the connector's own `ConnError` code, or `collector_failed` — never as
 * its message. When `signal` aborts (a shutdown) the collector is stopped
 * and the run goes back to the queue, to resume from its last checkpoint.
 * Runs of device-side collectors that reach the queue (their
 * device went silent) end as `collector_stopped`. Resolves null when
 * nothing is queued.
 *
 * @example
 * while (await services.runNextSync('worker-1')) {}
 */
export async function runNextSync(
  deps: ServiceDeps,
  workerId: string,
  options: RunNextSyncOptions = {},
): Promise<RunSummary | null> {
  const { signal } = options;
  if (signal?.aborted) return null;
  const run = await claimRun(deps, workerId, syncKinds);
  if (run === null) return null;
  const connection = await getConnection(deps.store.db, run.connection_id);
  // OAuth connections get a live access token: renewed when expired or refused once.
  const collector = withFreshAccessToken(
    deps,
    { id: run.connection_id, modality: connection.modality },
    deps.registry.get(connection.connector)?.collector,
  );
  const site = collectionSite(ModalitySchema.parse(connection.modality));
  if (site === 'device') {
    return finishRun(deps, run.id, { status: 'failed', errorCode: 'collector_stopped' });
  }
  if (site !== 'server') {
    return finishRun(deps, run.id, { status: 'failed', errorCode: 'collector_unavailable' });
  }
  if (collector === undefined) {
    return finishRun(deps, run.id, { status: 'failed', errorCode: 'collector_unavailable' });
  }
  const controller = new AbortController();
  const stop = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', stop, { once: true });
  // Beats even while a provider page is slow, so only a dead worker's run goes stale.
  const beat =
    options.heartbeatEveryMs === undefined
      ? undefined
      : setInterval(() => {
          heartbeat(deps, run.id, workerId).then(
            (alive) => {
              if (!alive) controller.abort();
            },
            () => {},
          );
        }, options.heartbeatEveryMs);
  beat?.unref();
  // Progress reports are fire-and-forget for the collector; the run ends only after they land.
  const reports: Promise<unknown>[] = [];
  try {
    const credential = await openRunCredential(deps, run.id);
    // A resumed run re-reads what followed its checkpoint, so it re-counts from there.
    const input: CollectorInput = {
      fields: credential.fields,
      secrets: credential.secrets,
      signal: controller.signal,
      fetch: deps.fetch,
      cursor: await rewindRunToCheckpoint(deps.store.db, run.id),
      syncCursors: await readSyncCursors(deps.store.db, run.connection_id),
      emit: async (stream, records, checkpoint) => {
        if (controller.signal.aborted) throw new Error('run taken away');
        await ingestRecords(deps, {
          connectionId: run.connection_id,
          runId: run.id,
          stream,
          records,
          checkpoint,
        });
        // A retry within this attempt (a renewed OAuth token) starts from the latest stored checkpoint too.
        if (checkpoint !== undefined) input.cursor = checkpoint;
      },
      progress: (stage: string, counts: StreamCounts) => {
        const accepted = Object.values(counts).reduce((sum, count) => sum + count, 0);
        const report = reportProgress(deps, run.id, {
          stage: stage.slice(0, 120) || 'collecting',
          counts: { accepted },
        })
          .then(() => heartbeat(deps, run.id, workerId))
          .then((alive) => {
            if (!alive) controller.abort();
          })
          .catch(() => controller.abort());
        reports.push(report);
      },
    };
    const result = await collector(input);
    await Promise.all(reports);
    return await finishRun(deps, run.id, {
      status: 'succeeded',
      ...(result.syncCursors === undefined ? {} : { syncCursors: result.syncCursors }),
      ...(result.credentialExpiresAt === undefined
        ? {}
        : { credentialExpiresAt: result.credentialExpiresAt }),
    });
  } catch (error) {
    await Promise.all(reports);
    if (signal?.aborted) {
      // Shutting down: every stored batch holds its checkpoint; the run waits in the queue for the next worker.
      await handBackRuns(deps, workerId);
      return summarizeRun(await getRun(deps.store.db, run.id));
    }
    const errorCode = isConnError(error) ? error.code : 'collector_failed';
    try {
      return await finishRun(deps, run.id, { status: 'failed', errorCode });
    } catch (finishError) {
      // Already ended (the credential could not open, or a revoke cancelled it): report that state.
      if (isConnError(finishError, 'run_not_claimable')) {
        return summarizeRun(await getRun(deps.store.db, run.id));
      }
      // Gone with its connection (the owner deleted it): nothing is left to end.
      if (isConnError(finishError, 'run_not_found')) return null;
      throw finishError;
    }
  } finally {
    clearInterval(beat);
    signal?.removeEventListener('abort', stop);
  }
}
