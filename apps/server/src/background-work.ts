import type { createServices } from '@conn/services';
import type { FastifyBaseLogger } from 'fastify';
import { workFailureReporter } from './work-failure-reporter';

type Services = ReturnType<typeof createServices>;

/** How often the worker looks for queued syncs, recovers stale work and sweeps expired attempts. */
export interface BackgroundTimings {
  pollMs: number;
  /** A running run with no heartbeat for this long lost its worker; the worker beats every third of it. */
  staleAfterMs: number;
  sweepMs: number;
  /** How often stale runs are re-queued and lapsed uploads interrupted. Default: a third of `staleAfterMs`. */
  recoverMs?: number;
}

export const defaultTimings: BackgroundTimings = {
  pollMs: 500,
  staleAfterMs: 60_000,
  sweepMs: 60_000,
};

/** What `stop()` is allowed: how long the running run may take to stop before it is handed back anyway. */
export interface BackgroundWorkOptions {
  workerId: string;
  log: FastifyBaseLogger;
  timings?: BackgroundTimings;
  /** Default 10 s. */
  shutdownGraceMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * The server's background work: a sync worker that claims queued runs (row
 * locks on PostgreSQL, so replicas never share one) and, on its own loop so a
 * long sync never holds it up, recovery of runs whose worker died, of uploads
 * whose server died, the sync scheduler (due syncs, stale connections) and
 * the sweeper. `stop()` claims nothing more, stops the
 * running run (its stored batches keep their checkpoint) and hands it back to
 * the queue within the shutdown grace, then resolves.
 */
export function startBackgroundWork(
  services: Services,
  options: BackgroundWorkOptions,
): { stop(): Promise<void> } {
  const timings = options.timings ?? defaultTimings;
  const recoverMs = timings.recoverMs ?? Math.max(100, Math.floor(timings.staleAfterMs / 3));
  const graceMs = options.shutdownGraceMs ?? 10_000;
  const { log, workerId } = options;
  const shutdown = new AbortController();
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      wake = done;
      shutdown.signal.addEventListener('abort', done, { once: true });
    });
  const maintenanceReport = workFailureReporter(log, 'background maintenance');
  const workerReport = workFailureReporter(log, 'background work');

  const maintenance = (async () => {
    let lastSweep = 0;
    while (!shutdown.signal.aborted) {
      let wait = recoverMs;
      try {
        const recovered = await services.recoverStaleRuns({ staleAfterMs: timings.staleAfterMs });
        const interrupted = await services.interruptUploads();
        const scheduled = await services.keepSyncing();
        maintenanceReport.succeeded();
        if (recovered.requeued.length + recovered.failed.length + interrupted.length > 0) {
          log.info({ ...recovered, interrupted_uploads: interrupted }, 'recovered lost work');
        }
        if (scheduled.queued.length + scheduled.stale.length + scheduled.expiring.length > 0) {
          log.info(
            {
              queued: scheduled.queued.length,
              stale: scheduled.stale,
              expiring: scheduled.expiring,
            },
            'scheduled syncs queued',
          );
        }
        const now = Date.now();
        if (now - lastSweep >= timings.sweepMs) {
          lastSweep = now;
          const swept = await services.sweepExpired();
          const uploads = await services.sweepUploads();
          log.debug({ swept, uploads }, 'background maintenance');
        }
      } catch (error) {
        wait = Math.max(wait, maintenanceReport.failed(error));
      }
      await pause(wait);
    }
  })();

  const worker = (async () => {
    while (!shutdown.signal.aborted) {
      let wait = timings.pollMs;
      try {
        const run = await services.runNextSync(workerId, {
          signal: shutdown.signal,
          heartbeatEveryMs: Math.max(100, Math.floor(timings.staleAfterMs / 3)),
        });
        workerReport.succeeded();
        if (run !== null) {
          log.info(
            { run_id: run.id, status: run.status, records: run.records_accepted },
            run.status === 'queued' ? 'run handed back' : 'run ended',
          );
          continue;
        }
        if (shutdown.signal.aborted) break;
        const imported = await services.runNextImport(workerId);
        if (imported !== null) {
          log.info(
            { run_id: imported.id, status: imported.status, records: imported.records_accepted },
            'import ended',
          );
          continue;
        }
      } catch (error) {
        wait = Math.max(wait, workerReport.failed(error));
      }
      await pause(wait);
    }
  })();

  return {
    async stop() {
      shutdown.abort(new Error('server shutting down'));
      wake?.();
      const stopped = await Promise.race([
        Promise.all([worker, maintenance]).then(() => true),
        sleep(graceMs).then(() => false),
      ]);
      if (!stopped) {
        // The run did not stop in time: hand it back anyway, so the queue does not wait for its heartbeat to go stale.
        const handedBack = await services.handBackRuns(workerId).catch(() => []);
        log.warn({ handed_back: handedBack, grace_ms: graceMs }, 'run did not stop in time');
      }
    },
  };
}
