import type { createServices } from '@conn/services';
import type { FastifyBaseLogger } from 'fastify';
import { workFailureReporter } from './work-failure-reporter';

type Services = ReturnType<typeof createServices>;

/** How often the worker looks for queued syncs, recovers stale runs and sweeps expired attempts. */
export interface BackgroundTimings {
  pollMs: number;
  staleAfterMs: number;
  sweepMs: number;
}

export const defaultTimings: BackgroundTimings = {
  pollMs: 500,
  staleAfterMs: 60_000,
  sweepMs: 60_000,
};

/**
 * The server's background work: a sync worker that claims queued runs (row
 * locks on PostgreSQL, so replicas never share one), recovery of runs whose
 * worker died, and the sweeper. `stop()` lets the current run finish.
 */
export function startBackgroundWork(
  services: Services,
  options: { workerId: string; log: FastifyBaseLogger; timings?: BackgroundTimings },
): { stop(): Promise<void> } {
  const timings = options.timings ?? defaultTimings;
  const { log, workerId } = options;
  let stopping = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  let lastSweep = 0;
  const report = workFailureReporter(log, 'background work');
  const loop = (async () => {
    while (!stopping) {
      let pause = timings.pollMs;
      try {
        const now = Date.now();
        if (now - lastSweep >= timings.sweepMs) {
          lastSweep = now;
          const swept = await services.sweepExpired();
          const uploads = await services.sweepUploads();
          const recovered = await services.recoverStaleRuns({ staleAfterMs: timings.staleAfterMs });
          log.debug({ swept, uploads, recovered }, 'background maintenance');
        }
        const run = await services.runNextSync(workerId);
        report.succeeded();
        if (run !== null) {
          log.info(
            { run_id: run.id, status: run.status, records: run.records_accepted },
            'run ended',
          );
          continue;
        }
        const imported = await services.runNextImport(workerId);
        if (imported !== null) {
          log.info(
            { run_id: imported.id, status: imported.status, records: imported.records_accepted },
            'import ended',
          );
          continue;
        }
      } catch (error) {
        pause = Math.max(pause, report.failed(error));
      }
      if (!stopping) await sleep(pause);
    }
  })();

  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
